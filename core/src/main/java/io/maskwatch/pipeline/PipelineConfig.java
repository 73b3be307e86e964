package io.maskwatch.pipeline;

import java.util.OptionalDouble;

/**
 * Pipeline settings, validated up front. {@code threshold} empty means the classifier's own
 * calibrated threshold; faces smaller than {@code minFace} pixels ({@link io.maskwatch.detect.Box#size()}: the shorter side) are dropped;
 * {@code chin} says how far below the detector's box the reported box ends.
 */
public record PipelineConfig(OptionalDouble threshold, double minFace, ChinExtension chin) {

    public static final PipelineConfig DEFAULT = new PipelineConfig(OptionalDouble.empty(), 0);

    /** With the default chin extension. */
    public PipelineConfig(OptionalDouble threshold, double minFace) {
        this(threshold, minFace, ChinExtension.DEFAULT);
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
    }

    public PipelineConfig withChin(ChinExtension chin) {
        return new PipelineConfig(threshold, minFace, chin);
    }
}
