package io.maskwatch.cli;

import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.FaceCheckConfig;
import io.maskwatch.pipeline.PipelineConfig;
import java.util.ArrayList;
import java.util.OptionalDouble;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --detector}, {@code --threshold}, {@code --no-face-check} and {@code --detector-boxes}: the pipeline choices of detect, evaluate, serve, watch and spark. */
public final class PipelineOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = Detectors.DEFAULT,
            description = "Face detector: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = DetectorNames.class)
    String detector;

    @Option(names = "--threshold", paramLabel = "T",
            description = "P(masked) at or above T means masked (default: the classifier's calibrated threshold).")
    Double threshold;

    @Option(names = "--no-face-check",
            description = "Use the detector's faces as they are, without the face check: the second stage that drops "
                    + "boxes that are not faces and keeps masked faces the detector was unsure of.")
    boolean noFaceCheck;

    @Option(names = "--detector-boxes",
            description = "Report the detector's boxes as they are. By default a masked face's box moves half-way "
                    + "toward the box YuNet adapted to masked faces draws around it, and a box's bottom edge is moved down "
                    + "to the chin, which a mask hides from the detector: by 2%% of its height, up to 7%% for a masked face.")
    boolean detectorBoxes;

    /** The detector's face check: its default for the chosen detector, or off with --no-face-check. */
    public FaceCheckConfig faceCheck() {
        return noFaceCheck ? FaceCheckConfig.OFF : Detectors.defaultCheck(detector);
    }

    /** Whether an option asks for boxes other than the default pipeline's: --no-face-check or --detector-boxes. */
    public boolean changesBoxes() {
        return noFaceCheck || detectorBoxes;
    }

    /** The detector name chosen. */
    public String detector() {
        return detector;
    }

    /** The validated pipeline settings; a bad value is a usage error (exit code 2). */
    public PipelineConfig config(double minFace) {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw usage("--threshold must be between 0 and 1, got " + threshold);
        }
        if (!(minFace >= 0)) {
            throw usage("--min-face must be >= 0, got " + minFace);
        }
        checkDetector(detector, mixee);
        PipelineConfig config = new PipelineConfig(threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold), minFace);
        return detectorBoxes ? config.withDetectorBoxes() : config;
    }

    /** Refuses a detector name that {@link Detectors} does not know. */
    static void checkDetector(String name, CommandSpec spec) {
        if (!Detectors.NAMES.contains(name)) {
            throw new ParameterException(spec.commandLine(),
                    "unknown --detector '" + name + "'; choose one of " + String.join(", ", Detectors.NAMES));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }

    /** The detector names, for picocli's help text. */
    static final class DetectorNames extends ArrayList<String> {
        DetectorNames() {
            super(Detectors.NAMES);
        }
    }
}
