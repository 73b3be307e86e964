package io.maskwatch.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.time.Duration;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads photos into TYPE_3BYTE_BGR images, the one layout every model here starts from.
 * <ul>
 *   <li>Formats: JPEG (baseline, progressive, grey, CMYK/YCCK through TwelveMonkeys), PNG (8/16-bit,
 *       grey, palette, alpha), WebP, BMP, GIF (first frame), and TIFF.</li>
 *   <li>EXIF orientation of JPEGs is applied, so pixels (and every coordinate computed on them)
 *       refer to the image as a viewer displays it.</li>
 *   <li>Transparent pixels are composited onto white, as a viewer shows them.</li>
 *   <li>{@link ImageLimits} bound memory and time whatever the file says: the file size, then width × height
 *       read from the header, and the scan count of a JPEG are checked before decoding; PNG metadata chunks are
 *       dropped unread (never inflated); decoding runs under a deadline.</li>
 *   <li>Every failure is an {@link ImageLoadException} with a one-line "{@code <file>: <reason>}".</li>
 * </ul>
 * Thread-safe: each call uses its own reader.
 */
public final class ImageLoader {

    private static final Pattern TRUNCATION =
            Pattern.compile("(?i)premature end|truncat|missing eoi|unexpected end|end of (file|stream)|\\beof\\b");

    static {
        // Readers come from the class path (TwelveMonkeys registers through ServiceLoader);
        // keep ImageIO from writing temporary cache files for streams.
        ImageIO.setUseCache(false);
    }

    private ImageLoader() {
    }

    public static BufferedImage read(Path file) throws ImageLoadException {
        return read(file, ImageLimits.DEFAULT);
    }

    public static BufferedImage read(byte[] bytes, String name) throws ImageLoadException {
        return read(bytes, name, ImageLimits.DEFAULT);
    }

    /** Reads a file; {@code file.toString()} names it in errors. */
    public static BufferedImage read(Path file, ImageLimits limits) throws ImageLoadException {
        return read(readBytes(file, limits), file.toString(), limits);
    }

    /** The bytes of a file, after checking that it exists, is a file, is not empty and is within the size limit. */
    public static byte[] readBytes(Path file, ImageLimits limits) throws ImageLoadException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new ImageLoadException(name, ImageLoadException.Kind.MISSING, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageLoadException(name, ImageLoadException.Kind.UNREADABLE, "is a folder, not an image file");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new ImageLoadException(name, ImageLoadException.Kind.EMPTY, "empty file (0 bytes)");
            }
            checkFileSize(name, size, limits);
            return Files.readAllBytes(file);
        } catch (ImageLoadException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(name, ImageLoadException.Kind.MISSING, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(name, ImageLoadException.Kind.UNREADABLE, "permission denied", e);
        } catch (IOException e) {
            throw new ImageLoadException(name, ImageLoadException.Kind.UNREADABLE, "cannot read file (" + e.getMessage() + ")", e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name, e);
        }
    }

    /** Decodes an image held in memory (an upload, say); {@code name} names it in errors. */
    public static BufferedImage read(byte[] bytes, String name, ImageLimits limits) throws ImageLoadException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageLoadException(name, ImageLoadException.Kind.EMPTY, "empty file (0 bytes)");
        }
        checkFileSize(name, bytes.length, limits);
        byte[] data = bytes;
        boolean jpeg = isJpeg(bytes);
        if (jpeg) {
            // The JDK's JPEG reader renders the whole image again after every scan of a progressive JPEG, so the
            // cost grows with the scan count (a 376 KB file of 7000 x 7000 pixels with 300 tiny scans held a
            // worker for a minute): too many scans are refused before decoding, the deadline bounds the rest.
            int scans = JpegSegments.scanCount(bytes);
            if (scans > limits.maxJpegScans()) {
                throw new ImageLoadException(name, ImageLoadException.Kind.TOO_COMPLEX, String.format(Locale.ROOT,
                        "too many JPEG scans: %d, the limit is %d", scans, limits.maxJpegScans()));
            }
            // An ICC profile that only restates sRGB is dropped before decoding (see JpegSegments).
            data = JpegSegments.withoutSrgbProfile(bytes);
        } else if (PngChunks.isPng(bytes)) {
            data = PngChunks.pixelChunksOnly(bytes); // metadata is never inflated (see PngChunks)
        }
        ImageInputStream in = new ByteArrayImageInputStream(data);
        ImageReader reader = readerFor(in, bytes, name);
        String format = formatName(reader);
        List<String> warnings = new ArrayList<>();
        Deadline deadline = new Deadline(reader, limits.decodeTimeout());
        try {
            reader.setInput(in, true, false);
            reader.addIIOReadWarningListener((IIOReadWarningListener) (r, w) -> warnings.add(w));
            reader.addIIOReadProgressListener(deadline);
            reader.addIIOReadUpdateListener(deadline);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw failure(name, format, "header", e, bytes);
            }
            if (width <= 0 || height <= 0) {
                throw new ImageLoadException(name, ImageLoadException.Kind.CORRUPT,
                        "corrupt " + format + " header (size " + width + "x" + height + ")");
            }
            long pixels = (long) width * height;
            if (pixels > limits.maxPixels()) {
                throw ImageLoadException.tooLarge(name, width, height, String.format(Locale.ROOT,
                        "image too large: %dx%d = %s, the limit is %s", width, height, pixels(pixels), pixels(limits.maxPixels())));
            }
            BufferedImage decoded;
            try {
                decoded = jpeg ? readJpeg(reader, width, height) : reader.read(0, reader.getDefaultReadParam());
            } catch (IOException | RuntimeException e) {
                if (deadline.expired()) {
                    throw deadline.failure(name, format);
                }
                throw failure(name, format, "data", e, bytes);
            }
            if (deadline.expired()) {
                throw deadline.failure(name, format);
            }
            for (String w : warnings) {
                if (TRUNCATION.matcher(w).find()) {
                    throw new ImageLoadException(name, ImageLoadException.Kind.TRUNCATED,
                            "truncated " + format + " file (" + w + ")");
                }
            }
            if (decoded == null) {
                throw new ImageLoadException(name, ImageLoadException.Kind.CORRUPT, "corrupt " + format + " data (no image decoded)");
            }
            BufferedImage bgr = toBgr(decoded);
            if (jpeg) {
                bgr = Orientation.apply(bgr, exifOrientation(bytes));
            }
            return bgr;
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * A JPEG the reader would decode to TYPE_3BYTE_BGR is decoded into an RGB-ordered raster instead, then its bytes
     * are swapped to BGR in place: the JDK's reader hands over every scanline in RGB order, and copying it into a BGR
     * raster goes pixel by pixel in Java (a third of the decoding time of a 0.3 Mpx photo), into an RGB one it is one
     * array copy. The pixels are the same. Other JPEGs (grey, CMYK, an ICC profile other than sRGB) are read as before.
     */
    private static BufferedImage readJpeg(ImageReader reader, int width, int height) throws IOException {
        javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
        Iterator<javax.imageio.ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext() || types.next().getBufferedImageType() != BufferedImage.TYPE_3BYTE_BGR) {
            return reader.read(0, param);
        }
        BufferedImage rgb = RgbOrder.create(width, height);
        param.setDestination(rgb);
        reader.read(0, param);
        return RgbOrder.swappedToBgr(rgb);
    }

    private static ImageLoadException outOfMemory(String name, Throwable e) {
        return new ImageLoadException(name, ImageLoadException.Kind.OUT_OF_MEMORY,
                "not enough memory to decode it now (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MiB heap)", e);
    }

    /**
     * Stops a decoder past its deadline. Readers call their listeners on the decoding thread (per row, per pass),
     * and {@link ImageReader#abort()} is only honoured from that thread (the JDK's JPEG reader refuses it from
     * another), so the clock is checked there: the decoder stops at its next row, and the image is refused.
     */
    private static final class Deadline implements IIOReadProgressListener, IIOReadUpdateListener {
        private final ImageReader reader;
        private final Duration timeout;
        private final long end;
        private boolean expired;

        Deadline(ImageReader reader, Duration timeout) {
            this.reader = reader;
            this.timeout = timeout;
            this.end = System.nanoTime() + timeout.toNanos();
        }

        boolean expired() {
            return expired || System.nanoTime() - end > 0;
        }

        ImageLoadException failure(String name, String format) {
            return new ImageLoadException(name, ImageLoadException.Kind.TOO_COMPLEX, String.format(Locale.ROOT,
                    "decoding the %s took longer than the limit of %s s", format, seconds(timeout)));
        }

        private void check() {
            if (!expired && System.nanoTime() - end > 0) {
                expired = true;
                reader.abort();
            }
        }

        @Override public void imageProgress(ImageReader source, float percentageDone) { check(); }
        @Override public void imageUpdate(ImageReader source, BufferedImage theImage, int minX, int minY, int width,
                int height, int periodX, int periodY, int[] bands) { check(); }
        @Override public void passStarted(ImageReader source, BufferedImage theImage, int pass, int minPass,
                int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) { check(); }
        @Override public void passComplete(ImageReader source, BufferedImage theImage) { check(); }
        @Override public void thumbnailPassStarted(ImageReader source, BufferedImage theThumbnail, int pass,
                int minPass, int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) { }
        @Override public void thumbnailUpdate(ImageReader source, BufferedImage theThumbnail, int minX, int minY,
                int width, int height, int periodX, int periodY, int[] bands) { }
        @Override public void thumbnailPassComplete(ImageReader source, BufferedImage theThumbnail) { }
        @Override public void sequenceStarted(ImageReader source, int minIndex) { }
        @Override public void sequenceComplete(ImageReader source) { }
        @Override public void imageStarted(ImageReader source, int imageIndex) { check(); }
        @Override public void imageComplete(ImageReader source) { }
        @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) { }
        @Override public void thumbnailProgress(ImageReader source, float percentageDone) { }
        @Override public void thumbnailComplete(ImageReader source) { }
        @Override public void readAborted(ImageReader source) { }
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.3g", s);
    }

    /** Whether the image is TYPE_3BYTE_BGR with its bytes in one array of exactly its pixels (no offset, no parent). */
    public static boolean isPackedBgr(BufferedImage img) {
        return RgbOrder.isPackedBgr(img);
    }

    /**
     * The image as TYPE_3BYTE_BGR; returned unchanged when it already is. Grey is replicated to
     * three channels; transparent pixels are composited onto white.
     */
    public static BufferedImage toBgr(BufferedImage img) {
        if (RgbOrder.isPackedBgr(img)) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && RgbOrder.isPacked(img)) {
            byte[] g = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            for (int i = 0, n = w * h; i < n; i++) {
                d[3 * i] = d[3 * i + 1] = d[3 * i + 2] = g[i];
            }
            return out;
        }
        Graphics2D g = out.createGraphics();
        try {
            if (img.getColorModel().hasAlpha()) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The EXIF orientation (1..8) of a JPEG, from the TIFF structure in its APP1 "Exif" segment;
     * 1 when there is none or it cannot be read (a broken EXIF block never fails a photo).
     */
    public static int exifOrientation(byte[] jpeg) {
        return JpegSegments.exifOrientation(jpeg);
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
    }

    /** "2500.0 megapixels", "1.25 megapixels" or "166,500 pixels": precise enough to tell two sizes apart. */
    private static String pixels(long n) {
        if (n >= 10_000_000L) {
            return String.format(Locale.ROOT, "%.1f megapixels", n / 1e6);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f megapixels", n / 1e6);
        }
        return String.format(Locale.ROOT, "%,d pixels", n);
    }

    private static void checkFileSize(String name, long size, ImageLimits limits) throws ImageLoadException {
        if (size > limits.maxFileBytes()) {
            throw new ImageLoadException(name, ImageLoadException.Kind.TOO_LARGE, String.format(Locale.ROOT,
                    "file too large: %.1f MB, the limit is %.1f MB", size / 1048576.0, limits.maxFileBytes() / 1048576.0));
        }
    }

    private static ImageReader readerFor(ImageInputStream in, byte[] bytes, String name) throws ImageLoadException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (readers.hasNext()) {
            return readers.next();
        }
        String known = FileSignatures.unsupportedImageFormat(bytes);
        if (known != null) {
            throw new ImageLoadException(name, ImageLoadException.Kind.UNSUPPORTED,
                    "unsupported image format (" + known + "); supported: JPEG, PNG, WebP, BMP, GIF, TIFF");
        }
        String what = FileSignatures.describeNonImage(bytes);
        throw new ImageLoadException(name, ImageLoadException.Kind.NOT_AN_IMAGE, "not an image (" + what + ")");
    }

    private static String formatName(ImageReader reader) {
        try {
            String f = reader.getFormatName().toLowerCase(Locale.ROOT);
            return f.equals("jpg") ? "jpeg" : f;
        } catch (IOException e) {
            return "image";
        }
    }

    private static ImageLoadException failure(String name, String format, String part, Throwable e, byte[] bytes) {
        if (hasCause(e, OutOfMemoryError.class)) { // readers wrap it ("corrupt png data (Java heap space)" before)
            return outOfMemory(name, e);
        }
        String msg = messages(e);
        if (hasCause(e, EOFException.class) || TRUNCATION.matcher(msg).find() || FileSignatures.endIsMissing(format, bytes)) {
            return new ImageLoadException(name, ImageLoadException.Kind.TRUNCATED,
                    "truncated " + format + " file (data ends after " + bytes.length + " bytes)", e);
        }
        if (msg.toLowerCase(Locale.ROOT).contains("unsupported")) {
            return new ImageLoadException(name, ImageLoadException.Kind.UNSUPPORTED,
                    "unsupported " + format + " variant (" + msg + ")", e);
        }
        return new ImageLoadException(name, ImageLoadException.Kind.CORRUPT,
                "corrupt " + format + " " + part + (msg.isEmpty() ? "" : " (" + msg + ")"), e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct messages along the cause chain, joined; short enough for one line. */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 200; t = t.getCause()) {
            String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() > 0 ? ": " : "").append(m);
            }
        }
        String s = sb.toString().replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    static String ascii(byte[] b, int from, int len) {
        return from + len <= b.length ? new String(b, from, len, StandardCharsets.ISO_8859_1) : "";
    }
}
