package io.maskwatch.detect;

class RetinaFaceDetectorTest extends FaceDetectorContract {
    @Override
    protected String detectorName() {
        return RetinaFaceModel.NAME;
    }
}
