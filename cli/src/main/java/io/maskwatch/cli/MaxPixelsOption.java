package io.maskwatch.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --max-pixels N}: the largest image a command decodes (detect, serve, spark), read from the file's header
 * before decoding, so a decompression bomb costs nothing. What happens to a larger one is the command's: detect and
 * spark report it as that image's error, serve answers 413.
 */
public final class MaxPixelsOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
            description = "Refuse images over N pixels (width x height, read from the header before decoding; "
                    + "default: ${DEFAULT-VALUE}).")
    long maxPixels;

    /** The limit; one under 1 is a usage error (exit code 2). */
    public long maxPixels() {
        if (maxPixels < 1) {
            throw new ParameterException(mixee.commandLine(), "--max-pixels must be >= 1, got " + maxPixels);
        }
        return maxPixels;
    }
}
