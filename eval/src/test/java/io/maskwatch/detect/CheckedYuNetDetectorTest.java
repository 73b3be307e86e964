package io.maskwatch.detect;

/** The default pipeline's detector, YuNet followed by the face check, against the detector contract. */
class CheckedYuNetDetectorTest extends FaceDetectorContract {
    @Override
    protected String detectorName() {
        return YuNetModel.NAME;
    }

    @Override
    protected FaceDetector create(DetectorConfig config) {
        return Detectors.create(detectorName(), config, FaceCheckConfig.DEFAULT, SharedData::model, 1);
    }

    @Override
    protected double minScore() {
        // faces the detector was unsure of and the check is sure of (mostly masked ones) are kept from this score
        return FaceCheckConfig.DEFAULT.rescueScore();
    }
}
