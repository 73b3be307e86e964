package io.maskwatch.eval;

import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.pipeline.Label;
import java.util.List;

/**
 * What the pipeline gave on one annotated photo: its detections, and the classifier's P(masked)
 * on each ground-truth box (same order as the photo's faces) with the label it gave (masked,
 * incorrect, unmasked; empty when not recorded). {@code error} is non-null when the
 * photo could not be processed; its faces then count as missed.
 */
public record ImageRun(AnnotatedImage image, List<Prediction> detections, List<Double> groundTruthProbabilities,
                       List<Label> groundTruthLabels, String error) {

    public ImageRun {
        detections = List.copyOf(detections);
        groundTruthProbabilities = List.copyOf(groundTruthProbabilities);
        groundTruthLabels = List.copyOf(groundTruthLabels);
        if (!groundTruthLabels.isEmpty() && groundTruthLabels.size() != groundTruthProbabilities.size()) {
            throw new IllegalArgumentException(image.name() + ": " + groundTruthLabels.size() + " labels for "
                    + groundTruthProbabilities.size() + " probabilities");
        }
        if (error == null && groundTruthProbabilities.size() != image.faces().size()) {
            throw new IllegalArgumentException(image.name() + ": " + groundTruthProbabilities.size()
                    + " classifier probabilities for " + image.faces().size() + " faces");
        }
    }

    /** Without the classifier's labels on the ground-truth boxes (they follow from P(masked) and the threshold). */
    public ImageRun(AnnotatedImage image, List<Prediction> detections, List<Double> groundTruthProbabilities, String error) {
        this(image, detections, groundTruthProbabilities, List.of(), error);
    }

    public static ImageRun failed(AnnotatedImage image, String error) {
        return new ImageRun(image, List.of(), List.of(), List.of(), error);
    }
}
