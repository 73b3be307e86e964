package io.maskwatch.detect;

/** YuNet adapted to masked faces (models/yunet-masked.onnx), alone, against the detector contract. */
class YuNetMaskedDetectorTest extends FaceDetectorContract {
    @Override
    protected String detectorName() {
        return YuNetModel.MASKED_NAME;
    }
}
