package io.maskwatch.eval;

import io.maskwatch.dataset.AnnotatedImage;
import java.util.List;

/**
 * What the pipeline gave on one annotated photo: its detections, and the classifier's P(masked)
 * on each ground-truth box (same order as the photo's faces). {@code error} is non-null when the
 * photo could not be processed; its faces then count as missed.
 */
public record ImageRun(AnnotatedImage image, List<Prediction> detections, List<Double> groundTruthProbabilities,
                       String error) {

    public ImageRun {
        detections = List.copyOf(detections);
        groundTruthProbabilities = List.copyOf(groundTruthProbabilities);
        if (error == null && groundTruthProbabilities.size() != image.faces().size()) {
            throw new IllegalArgumentException(image.name() + ": " + groundTruthProbabilities.size()
                    + " classifier probabilities for " + image.faces().size() + " faces");
        }
    }

    public static ImageRun failed(AnnotatedImage image, String error) {
        return new ImageRun(image, List.of(), List.of(), error);
    }
}
