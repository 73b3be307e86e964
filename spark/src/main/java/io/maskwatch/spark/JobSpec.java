package io.maskwatch.spark;

import io.maskwatch.image.ImageLimits;
import io.maskwatch.pipeline.PipelineConfig;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What every task needs to score photos, sent from the driver with the task: the pipeline choices,
 * the models (verified again on the executor), and where annotated images go.
 *
 * @param detector       detector name ({@link io.maskwatch.detect.Detectors#NAMES})
 * @param threshold      P(masked) threshold, null = the classifier's own
 * @param minFace        faces under this many pixels are dropped
 * @param maxPixels      larger images are refused before decoding
 * @param models         the detector's and the classifier's model files
 * @param executorModelDir folder holding the models on every executor (a shared path); null = the
 *                       files the driver shipped with {@code SparkContext.addFile} ({@code SparkFiles})
 * @param annotatedDir   Hadoop path for annotated images, null = none
 * @param inputRoot      the common parent of all inputs; annotated images keep their path below it
 */
public record JobSpec(String detector, Double threshold, double minFace, long maxPixels, List<ShippedModel> models,
                      String executorModelDir, String annotatedDir, String inputRoot) implements Serializable {

    public JobSpec {
        Objects.requireNonNull(detector, "detector");
        models = List.copyOf(models);
        pipelineConfig(threshold, minFace); // validates
        limits(maxPixels);
    }

    PipelineConfig pipelineConfig() {
        return pipelineConfig(threshold, minFace);
    }

    ImageLimits limits() {
        return limits(maxPixels);
    }

    private static PipelineConfig pipelineConfig(Double threshold, double minFace) {
        return new PipelineConfig(threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold), minFace);
    }

    private static ImageLimits limits(long maxPixels) {
        return ImageLimits.DEFAULT.withMaxPixels(maxPixels);
    }
}
