package io.maskwatch.eval;

/**
 * The reference design's published results (RetinaFace MobileNet-0.25 + MobileNetV1 classifier at
 * 112 px, on its own validation/test photos), shown beside ours in every report.
 */
public final class ReferenceResults {

    public static final double DETECTOR_RECALL = 0.94;
    public static final double TNR = 0.87;
    public static final double FNR = 0.04;
    public static final int SPURIOUS_FACES = 19;
    public static final int SPURIOUS_PHOTOS = 135;
    public static final double CLASSIFIER_ACCURACY = 0.90;

    private ReferenceResults() {
    }
}
