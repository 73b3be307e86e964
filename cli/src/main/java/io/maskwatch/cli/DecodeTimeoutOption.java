package io.maskwatch.cli;

import io.maskwatch.image.ImageLimits;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --decode-timeout SECONDS}: the longest decoding of one image (detect, serve). A file can be small and within
 * {@code --max-pixels} and still take minutes to decode (thousands of progressive scans); past the deadline the
 * decoder is stopped and the image refused: detect reports it as that image's error and goes on, serve answers 422.
 */
public final class DecodeTimeoutOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--decode-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "Longest decoding of one image; past it the image is refused (default: ${DEFAULT-VALUE}).")
    double seconds;

    /** The deadline; one outside (0, 86400] seconds is a usage error (exit code 2). */
    public Duration decodeTimeout() {
        if (!(seconds > 0) || seconds > 86_400) {
            throw new ParameterException(mixee.commandLine(),
                    "--decode-timeout must be in (0, 86400] seconds, got " + seconds);
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** The default limits with this deadline. */
    public ImageLimits limits(ImageLimits base) {
        return base.withDecodeTimeout(decodeTimeout());
    }
}
