package io.maskwatch.masks;

import java.nio.file.Path;

/** A mask template cannot be used; {@code reason} is a short counted key, the message says why. */
public final class TemplateException extends RuntimeException {

    private final String reason;

    public TemplateException(Path file, String reason, String message) {
        super(file + ": " + message);
        this.reason = reason;
    }

    /** Short key for counting skipped templates, e.g. "no_alpha" or "unreadable". */
    public String reason() {
        return reason;
    }
}
