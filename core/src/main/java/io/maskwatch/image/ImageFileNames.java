package io.maskwatch.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The one list of image file extensions: what folders are searched for, by every command and reader. */
public final class ImageFileNames {

    /** Extensions of the formats {@link ImageLoader} decodes (lower case). */
    public static final List<String> DECODED = List.of("jpg", "jpeg", "jpe", "jfif", "png", "webp", "bmp", "gif", "tif", "tiff");

    /** Formats recognised but not decoded: picked up so that each gets a clear "unsupported format" error. */
    public static final List<String> UNSUPPORTED = List.of("heic", "heif", "avif");

    private ImageFileNames() {
    }

    /** The lower-case extension of a file name, or "" when it has none. */
    public static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** A file name (not hidden) with the extension of a format maskwatch decodes. */
    public static boolean isImage(Path file) {
        return !file.getFileName().toString().startsWith(".") && DECODED.contains(extension(file));
    }
}
