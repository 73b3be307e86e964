package io.maskwatch.dataset;

import java.nio.file.Path;

/**
 * Something wrong in an annotated set that the reader could work around (a missing image, a box
 * outside the image, a malformed row). {@code line} is 1-based, 0 when it does not apply.
 */
public record DatasetWarning(Path file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
