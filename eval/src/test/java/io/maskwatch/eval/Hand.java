package io.maskwatch.eval;

import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import java.nio.file.Path;
import java.util.List;

/** Shorthands for hand-made evaluation cases. */
final class Hand {

    private Hand() {
    }

    static GroundTruthFace masked(double x1, double y1, double x2, double y2) {
        return new GroundTruthFace(new Box(x1, y1, x2, y2), "with_mask", FaceClass.MASKED);
    }

    static GroundTruthFace unmasked(double x1, double y1, double x2, double y2) {
        return new GroundTruthFace(new Box(x1, y1, x2, y2), "without_mask", FaceClass.UNMASKED);
    }

    static GroundTruthFace incorrect(double x1, double y1, double x2, double y2) {
        return new GroundTruthFace(new Box(x1, y1, x2, y2), "mask_weared_incorrect", FaceClass.INCORRECT);
    }

    static Prediction det(double x1, double y1, double x2, double y2, double score, double pMasked) {
        return new Prediction(new Box(x1, y1, x2, y2), score, pMasked);
    }

    static AnnotatedImage image(String name, GroundTruthFace... faces) {
        return new AnnotatedImage(Path.of("images", name), 100, 100, List.of(faces));
    }

    static ImageRun run(AnnotatedImage img, List<Prediction> dets, Double... gtProbabilities) {
        return new ImageRun(img, dets, List.of(gtProbabilities), null);
    }
}
