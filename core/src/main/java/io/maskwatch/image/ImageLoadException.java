package io.maskwatch.image;

import java.io.IOException;

/**
 * An input could not be turned into an image. The message is one line, "{@code <file>: <reason>}",
 * fit to show a user as is; {@link #file()} and {@link #reason()} give the two parts.
 */
public class ImageLoadException extends IOException {

    /** Why a file was refused; lets callers (e.g. an HTTP server) map reasons to status codes. */
    public enum Kind {
        MISSING, EMPTY, TRUNCATED, CORRUPT, NOT_AN_IMAGE, UNSUPPORTED, TOO_LARGE, UNREADABLE,
        /** Within the size limits but too costly to decode: too many JPEG scans, or decoding past the deadline. */
        TOO_COMPLEX,
        /** The heap ran out while decoding: the file may be fine, the process was short of memory at that time. */
        OUT_OF_MEMORY
    }

    private final String file;
    private final String reason;
    private final Kind kind;
    private int width;
    private int height;

    public ImageLoadException(String file, Kind kind, String reason) {
        this(file, kind, reason, null);
    }

    public ImageLoadException(String file, Kind kind, String reason, Throwable cause) {
        super(file + ": " + oneLine(reason), cause);
        this.file = file;
        this.kind = kind;
        this.reason = oneLine(reason);
    }

    public String file() {
        return file;
    }

    public String reason() {
        return reason;
    }

    public Kind kind() {
        return kind;
    }

    /** An image refused for its size: its width and height, read from the header (nothing was decoded). */
    static ImageLoadException tooLarge(String file, int width, int height, String reason) {
        ImageLoadException e = new ImageLoadException(file, Kind.TOO_LARGE, reason);
        e.width = width;
        e.height = height;
        return e;
    }

    /** The width from the header when the header was read (an image refused for its size), else 0. */
    public int width() {
        return width;
    }

    /** The height from the header when the header was read (an image refused for its size), else 0. */
    public int height() {
        return height;
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
