package io.maskwatch.pipeline;

import java.util.OptionalDouble;

/**
 * Pipeline settings, validated up front. {@code threshold} empty means the classifier's own
 * calibrated threshold; faces whose reported box is smaller than {@code minFace} pixels ({@link io.maskwatch.detect.Box#size()}: the shorter side) are dropped;
 * {@code chin} says how far below the detector's box the reported box ends; {@code maskedBoxWeight} how far the
 * reported box moves toward the box YuNet adapted to masked faces draws around the same face
 * ({@link io.maskwatch.detect.MaskedFaceBoxes}), times P(mask, worn correctly or not), for faces with P(mask) of at
 * least one half (the others keep the detector's box): 0 keeps the detector's box everywhere, and the pipeline then
 * does not ask for the masked-face box at all.
 */
public record PipelineConfig(OptionalDouble threshold, double minFace, ChinExtension chin, double maskedBoxWeight) {

    /** Half-way: the mean of both detectors' boxes for a masked face (docs/detection.md, "Masked-face boxes"). */
    public static final double MASKED_BOX_WEIGHT = 0.5;

    public static final PipelineConfig DEFAULT = new PipelineConfig(OptionalDouble.empty(), 0);

    /** With the default chin extension and masked-face boxes. */
    public PipelineConfig(OptionalDouble threshold, double minFace) {
        this(threshold, minFace, ChinExtension.DEFAULT);
    }

    /** With the default masked-face boxes. */
    public PipelineConfig(OptionalDouble threshold, double minFace, ChinExtension chin) {
        this(threshold, minFace, chin, MASKED_BOX_WEIGHT);
    }

    public PipelineConfig {
        if (threshold.isPresent() && !(threshold.getAsDouble() >= 0 && threshold.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold.getAsDouble());
        }
        if (!(minFace >= 0)) {
            throw new IllegalArgumentException("min face size must be >= 0: " + minFace);
        }
        if (chin == null) {
            throw new IllegalArgumentException("chin extension must be given (ChinExtension.NONE for the detector's box)");
        }
        if (!(maskedBoxWeight >= 0 && maskedBoxWeight <= 1)) {
            throw new IllegalArgumentException("masked box weight must be in [0, 1]: " + maskedBoxWeight);
        }
    }

    public PipelineConfig withChin(ChinExtension chin) {
        return new PipelineConfig(threshold, minFace, chin, maskedBoxWeight);
    }

    public PipelineConfig withMaskedBoxWeight(double weight) {
        return new PipelineConfig(threshold, minFace, chin, weight);
    }

    /** The detector's boxes as they are: no chin extension, no masked-face box. */
    public PipelineConfig withDetectorBoxes() {
        return new PipelineConfig(threshold, minFace, ChinExtension.NONE, 0);
    }
}
