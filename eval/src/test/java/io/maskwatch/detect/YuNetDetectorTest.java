package io.maskwatch.detect;

class YuNetDetectorTest extends FaceDetectorContract {
    @Override
    protected String detectorName() {
        return YuNetModel.NAME;
    }
}
