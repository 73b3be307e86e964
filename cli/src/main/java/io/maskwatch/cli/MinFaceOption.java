package io.maskwatch.cli;

import picocli.CommandLine.Option;

/**
 * {@code --min-face PX}: the faces a command reports (detect, serve, watch, spark). One option, one meaning: faces
 * smaller than PX pixels are dropped, a face's size being the shorter side of its box. (evaluate's and masks'
 * {@code --min-face} mean other things and keep their own.)
 */
public final class MinFaceOption {

    @Option(names = "--min-face", paramLabel = "PX", defaultValue = "0",
            description = "Ignore faces smaller than PX pixels (a face's size is the shorter side of its box; default: ${DEFAULT-VALUE}).")
    double minFace;

    /** The size in pixels below which faces are dropped (validated by {@link PipelineOptions#config(double)}). */
    public double minFace() {
        return minFace;
    }
}
