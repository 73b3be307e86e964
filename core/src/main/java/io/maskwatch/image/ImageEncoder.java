package io.maskwatch.image;

import io.maskwatch.files.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The project's one image encoder: annotated photos, server answers, report thumbnails, training crops.
 * JPEG at an explicit quality; PNG at a low deflate level (a 4000 px photo encodes in a fraction of the
 * default's time); other formats as ImageIO writes them. Never uses a temporary cache file.
 */
public final class ImageEncoder {

    /** The JPEG quality used when none is given. */
    public static final float DEFAULT_JPEG_QUALITY = 0.9f;
    private static final float PNG_COMPRESSION = 0.75f;

    private ImageEncoder() {
    }

    /** Encodes in an ImageIO format name ("jpeg", "png", "bmp", ...), JPEG at the default quality. */
    public static byte[] encode(BufferedImage image, String format) {
        return encode(image, format, DEFAULT_JPEG_QUALITY);
    }

    /** Encodes in an ImageIO format name; {@code jpegQuality} 0..1 applies to JPEG only. */
    public static byte[] encode(BufferedImage image, String format, float jpegQuality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        try {
            write(image, format, jpegQuality, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only a missing writer or a bad image get here: memory does not fail
        }
        return out.toByteArray();
    }

    /** Writes the encoded image to {@code file} atomically (see {@link AtomicFiles}). */
    public static Path write(BufferedImage image, String format, float jpegQuality, Path file) throws IOException {
        return AtomicFiles.write(file, out -> write(image, format, jpegQuality, out));
    }

    private static void write(BufferedImage image, String format, float jpegQuality, OutputStream sink) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IllegalArgumentException("no image writer for " + format);
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(sink)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            } else if (format.equals("png") && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(PNG_COMPRESSION);
            }
            // the JPEG writer takes RGB scanlines: a BGR image is handed over as an RGB-ordered copy (see RgbOrder)
            BufferedImage pixels = format.equals("jpeg") && RgbOrder.isPackedBgr(image) ? RgbOrder.copyOfBgr(image) : image;
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
