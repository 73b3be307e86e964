package io.maskwatch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageLoadException.Kind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageLoaderTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- good files

    @ParameterizedTest
    @ValueSource(strings = {"0.jpg", "3.jpg", "127.jpg", "165.jpg", "136.jpg"})
    void readsRealPhotosAtTheirHeaderSize(String name) throws IOException {
        Path file = TestImages.validationPhoto(name);
        BufferedImage img = ImageLoader.read(file);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
        int[] size = headerSize(file);
        assertEquals(size[0], img.getWidth());
        assertEquals(size[1], img.getHeight());
        // Same pixels as the JDK's own decoder gives.
        BufferedImage ref = ImageIO.read(file.toFile());
        for (int[] p : new int[][] {{0, 0}, {img.getWidth() / 2, img.getHeight() / 3}, {img.getWidth() - 1, img.getHeight() - 1}}) {
            assertColor(new Color(ref.getRGB(p[0], p[1])), img, p[0], p[1], 3);
        }
    }

    /**
     * JPEGs are decoded into an RGB-ordered raster and swapped to BGR (a faster copy inside the JDK's reader): the
     * bytes must be exactly those the reader writes into its own TYPE_3BYTE_BGR image, baseline and progressive.
     */
    @Test
    void jpegPixelsAreExactlyTheJdkReadersOwn() throws IOException {
        Random rnd = new Random(7);
        BufferedImage src = new BufferedImage(97, 61, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                src.setRGB(x, y, (x * 5) << 16 | (y * 4) << 8 | rnd.nextInt(256));
            }
        }
        for (byte[] bytes : List.of(TestImages.encode(src, "jpeg"), TestImages.progressiveJpeg(src),
                Files.readAllBytes(TestImages.validationPhoto("127.jpg")))) {
            BufferedImage img = ImageLoader.read(bytes, "q.jpg");
            ImageReader jdk = ImageIO.getImageReadersByFormatName("jpeg").next();
            BufferedImage ref;
            try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
                jdk.setInput(in);
                ref = jdk.read(0);
            } finally {
                jdk.dispose();
            }
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, ref.getType());
            assertTrue(Arrays.equals(FaceBytes.of(ref), FaceBytes.of(img)), "decoded bytes differ");
        }
    }

    @Test
    void bytesAndPathGiveTheSameImage() throws IOException {
        Path file = TestImages.validationPhoto("3.jpg");
        BufferedImage a = ImageLoader.read(file);
        BufferedImage b = ImageLoader.read(Files.readAllBytes(file), "upload");
        assertTrue(Arrays.equals(FaceBytes.of(a), FaceBytes.of(b)));
    }

    @Test
    void readsProgressiveAndBaselineJpeg() throws IOException {
        BufferedImage src = TestImages.quadrants(80, 60);
        for (byte[] bytes : List.of(TestImages.progressiveJpeg(src), TestImages.encode(src, "jpeg"))) {
            BufferedImage img = ImageLoader.read(bytes, "q.jpg");
            assertQuadrants(img, 12);
        }
    }

    @Test
    void readsCmykJpeg() throws IOException {
        BufferedImage img = ImageLoader.read(write("cmyk.jpg", TestImages.cmykJpeg(64, 32)));
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
        assertColor(Color.CYAN, img, 10, 16, 30);
        assertColor(Color.MAGENTA, img, 54, 16, 30);
    }

    @Test
    void readsGreyJpegAndPng() throws IOException {
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(100, 100, 100));
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        assertColor(new Color(100, 100, 100), ImageLoader.read(write("g.png", TestImages.encode(grey, "png"))), 5, 5, 0);
        assertColor(new Color(100, 100, 100), ImageLoader.read(write("g.jpg", TestImages.encode(grey, "jpeg"))), 5, 5, 3);
    }

    @Test
    void reads16BitPngRgbAndGrey() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(40, 20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                r.setPixel(x, y, x < 20 ? new int[] {200 * 257, 10 * 257, 60 * 257} : new int[] {0, 65535, 30000});
            }
        }
        BufferedImage rgb16 = new BufferedImage(cm, r, false, null);
        BufferedImage img = ImageLoader.read(write("rgb16.png", TestImages.encode(rgb16, "png")));
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
        assertColor(new Color(200, 10, 60), img, 5, 5, 1);
        assertColor(new Color(0, 255, 117), img, 30, 5, 1);

        BufferedImage grey16 = new BufferedImage(30, 30, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster gr = grey16.getRaster();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                gr.setSample(x, y, 0, 50 * 257);
            }
        }
        BufferedImage g = ImageLoader.read(write("grey16.png", TestImages.encode(grey16, "png")));
        assertColor(new Color(50, 50, 50), g, 10, 10, 2);
    }

    @Test
    void compositesTransparencyOntoWhite() throws IOException {
        BufferedImage argb = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                argb.setRGB(x, y, x < 20 ? 0x00000000 : 0xFFCC2200);
            }
        }
        BufferedImage img = ImageLoader.read(write("alpha.png", TestImages.encode(argb, "png")));
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
        assertColor(Color.WHITE, img, 5, 5, 0);
        assertColor(new Color(0xCC, 0x22, 0x00), img, 30, 5, 0);
    }

    @Test
    void readsBmpGifAndPalettePng() throws IOException {
        BufferedImage src = TestImages.quadrants(80, 60);
        assertQuadrants(ImageLoader.read(write("q.bmp", TestImages.encode(src, "bmp"))), 0);
        assertQuadrants(ImageLoader.read(write("q.gif", TestImages.encode(src, "gif"))), 30);
        BufferedImage indexed = new BufferedImage(80, 60, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.createGraphics().drawImage(src, 0, 0, null);
        assertQuadrants(ImageLoader.read(write("q8.png", TestImages.encode(indexed, "png"))), 30);
    }

    @Test
    void readsWebpLossyAndLossless() throws IOException {
        BufferedImage lossy = ImageLoader.read(resource("photo-3-320.webp"), "photo-3-320.webp");
        assertEquals(320, lossy.getWidth());
        assertEquals(480, lossy.getHeight());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, lossy.getType());
        BufferedImage lossless = ImageLoader.read(resource("photo-3-64-lossless.webp"), "photo-3-64-lossless.webp");
        assertEquals(64, lossless.getWidth());
        assertEquals(96, lossless.getHeight());
        // Same photo as the JPEG it was made from: compare a downscaled pixel loosely.
        BufferedImage jpeg = ImageLoader.read(TestImages.validationPhoto("3.jpg"));
        assertColor(new Color(jpeg.getRGB(250, 375)), lossy, 160, 240, 40);
    }

    /** Where the red (top-left) and blue (top-right) quadrants of a 64×32 picture land for each EXIF value. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesExifOrientation(int orientation) throws IOException {
        byte[] plain = TestImages.encode(TestImages.quadrants(64, 32), "jpeg");
        for (boolean le : new boolean[] {false, true}) {
            byte[] bytes = TestImages.withExifOrientation(plain, orientation, le);
            assertEquals(orientation, ImageLoader.exifOrientation(bytes));
            BufferedImage img = ImageLoader.read(write("o" + orientation + ".jpg", bytes));
            boolean swapped = orientation >= 5;
            assertEquals(swapped ? 32 : 64, img.getWidth());
            assertEquals(swapped ? 64 : 32, img.getHeight());
            // Expected colours at the centres of the four quadrants TL, TR, BL, BR of the displayed image.
            Color[] expected = switch (orientation) {
                case 1 -> new Color[] {Color.RED, Color.BLUE, Color.GRAY, Color.GRAY};
                case 2 -> new Color[] {Color.BLUE, Color.RED, Color.GRAY, Color.GRAY};
                case 3 -> new Color[] {Color.GRAY, Color.GRAY, Color.BLUE, Color.RED};
                case 4 -> new Color[] {Color.GRAY, Color.GRAY, Color.RED, Color.BLUE};
                case 5 -> new Color[] {Color.RED, Color.GRAY, Color.BLUE, Color.GRAY};
                case 6 -> new Color[] {Color.GRAY, Color.RED, Color.GRAY, Color.BLUE};
                case 7 -> new Color[] {Color.GRAY, Color.BLUE, Color.GRAY, Color.RED};
                default -> new Color[] {Color.BLUE, Color.GRAY, Color.RED, Color.GRAY};
            };
            int w = img.getWidth();
            int h = img.getHeight();
            assertColor(expected[0], img, w / 4, h / 4, 40);
            assertColor(expected[1], img, 3 * w / 4, h / 4, 40);
            assertColor(expected[2], img, w / 4, 3 * h / 4, 40);
            assertColor(expected[3], img, 3 * w / 4, 3 * h / 4, 40);
        }
    }

    @Test
    void rotatesARealPhotoByItsExifTag() throws IOException {
        Path file = TestImages.validationPhoto("3.jpg");
        BufferedImage stored = ImageLoader.read(file);
        byte[] rotated = TestImages.withExifOrientation(Files.readAllBytes(file), 6, false);
        BufferedImage shown = ImageLoader.read(rotated, "3-rot.jpg");
        assertEquals(stored.getHeight(), shown.getWidth());
        assertEquals(stored.getWidth(), shown.getHeight());
        int h = stored.getHeight();
        for (int[] p : new int[][] {{0, 0}, {100, 37}, {shown.getWidth() - 1, shown.getHeight() - 1}}) {
            // Rotating 90° clockwise: displayed (x, y) shows stored (y, h - 1 - x).
            assertEquals(stored.getRGB(p[1], h - 1 - p[0]), shown.getRGB(p[0], p[1]));
        }
    }

    @Test
    void brokenExifIsIgnored() throws IOException {
        byte[] plain = TestImages.encode(TestImages.quadrants(64, 32), "jpeg");
        byte[] seg = {(byte) 0xFF, (byte) 0xE1, 0, 12, 'E', 'x', 'i', 'f', 0, 0, 'X', 'Y', 1, 2};
        byte[] bytes = TestImages.insertAfterSoi(plain, seg);
        assertEquals(1, ImageLoader.exifOrientation(bytes));
        assertQuadrants(ImageLoader.read(bytes, "bad-exif.jpg"), 12);
    }

    // ---------------------------------------------------------------- bad files

    @Test
    void emptyFile() throws IOException {
        Path f = write("empty.jpg", new byte[0]);
        assertFails(Kind.EMPTY, f, "empty");
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.read(new byte[0], "upload"));
        assertEquals("upload: empty file (0 bytes)", e.getMessage());
    }

    @Test
    void truncatedJpegAndPng() throws IOException {
        byte[] photo = Files.readAllBytes(TestImages.validationPhoto("0.jpg"));
        assertFails(Kind.TRUNCATED, write("cut.jpg", Arrays.copyOf(photo, photo.length / 2)), "truncated");
        byte[] baseline = TestImages.encode(noise(200, 150), "jpeg");
        assertFails(Kind.TRUNCATED, write("cut-baseline.jpg", Arrays.copyOf(baseline, baseline.length * 2 / 3)), "truncated");
        byte[] png = TestImages.encode(noise(200, 150), "png");
        assertFails(Kind.TRUNCATED, write("cut.png", Arrays.copyOf(png, png.length / 2)), "truncated");
        byte[] webp = resource("photo-3-320.webp");
        assertFails(Kind.TRUNCATED, write("cut.webp", Arrays.copyOf(webp, webp.length / 2)), "truncated");
        byte[] gif = TestImages.encode(noise(120, 90), "gif");
        assertFails(Kind.TRUNCATED, write("cut.gif", Arrays.copyOf(gif, gif.length / 2)), "truncated");
        byte[] bmp = TestImages.encode(noise(120, 90), "bmp");
        assertFails(Kind.TRUNCATED, write("cut.bmp", Arrays.copyOf(bmp, bmp.length / 2)), "truncated");
        // Cut inside the header.
        assertFails(Kind.TRUNCATED, write("cut-header.png", Arrays.copyOf(png, 20)), "truncated");
    }

    @Test
    void corruptFiles() throws IOException {
        byte[] garbage = new byte[4000];
        new Random(7).nextBytes(garbage);
        byte[] jpeg = garbage.clone();
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        jpeg[3] = (byte) 0xE0;
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.read(write("garbage.jpg", jpeg)));
        assertTrue(e.kind() == Kind.CORRUPT || e.kind() == Kind.TRUNCATED, e.getMessage());

        byte[] png = TestImages.encode(noise(100, 80), "png");
        byte[] broken = png.clone();
        for (int i = 60; i < broken.length - 20; i++) {
            broken[i] = (byte) (broken[i] ^ 0x5A);
        }
        assertFails(Kind.CORRUPT, write("broken.png", broken), "corrupt png");
    }

    @Test
    void notAnImage() throws IOException {
        assertFails(Kind.NOT_AN_IMAGE, write("notes.jpg", "hello, this is text\n".getBytes()), "not an image (a text file)");
        assertFails(Kind.NOT_AN_IMAGE, write("doc.png", "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj".getBytes()), "not an image (a PDF document)");
        byte[] random = new byte[3000];
        new Random(3).nextBytes(random);
        random[0] = 1;
        assertFails(Kind.NOT_AN_IMAGE, write("random.bin", random), "not an image");
    }

    @Test
    void unsupportedFormat() throws IOException {
        byte[] heic = new byte[64];
        byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'};
        System.arraycopy(head, 0, heic, 0, head.length);
        assertFails(Kind.UNSUPPORTED, write("photo.heic", heic), "unsupported image format (HEIC/HEIF)");
    }

    @Test
    void decompressionBombsAreRefusedBeforeDecoding() throws IOException {
        Path png = write("bomb.png", TestImages.pngBomb(50_000, 50_000));
        Path jpg = write("bomb.jpg", TestImages.jpegBomb(50_000, 50_000));
        assertTrue(Files.size(png) < 10_000 && Files.size(jpg) < 10_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFails(Kind.TOO_LARGE, png, "image too large: 50000x50000 = 2500.0 megapixels, the limit is 50.0 megapixels");
            assertFails(Kind.TOO_LARGE, jpg, "image too large: 50000x50000");
        });
    }

    @Test
    void limitsAreConfigurable() throws IOException {
        Path f = write("small.png", TestImages.encode(TestImages.quadrants(80, 60), "png"));
        ImageLoader.read(f, new ImageLimits(4800, 1_000_000));
        ImageLoadException px = assertThrows(ImageLoadException.class, () -> ImageLoader.read(f, new ImageLimits(4799, 1_000_000)));
        assertEquals(Kind.TOO_LARGE, px.kind());
        assertEquals("image too large: 80x60 = 4,800 pixels, the limit is 4,799 pixels", px.reason());
        ImageLoadException bytes = assertThrows(ImageLoadException.class, () -> ImageLoader.read(f, new ImageLimits(10_000, 10)));
        assertEquals(Kind.TOO_LARGE, bytes.kind());
        assertTrue(bytes.reason().startsWith("file too large"), bytes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 1));
    }

    @Test
    void missingPathAndFolder() {
        assertFails(Kind.MISSING, dir.resolve("nope.jpg"), "no such file");
        assertFails(Kind.UNREADABLE, dir, "is a folder");
    }

    // ---------------------------------------------------------------- helpers

    private void assertFails(Kind kind, Path file, String reasonStart) {
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.read(file));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.reason().startsWith(reasonStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageLoaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random r = new Random(11);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0xFFFFFF));
            }
        }
        return img;
    }

    private static int[] headerSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            return new int[] {r.getWidth(0), r.getHeight(0)};
        }
    }

    private static void assertQuadrants(BufferedImage img, int tolerance) {
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
        int w = img.getWidth();
        int h = img.getHeight();
        assertColor(Color.RED, img, w / 4, h / 4, tolerance);
        assertColor(Color.BLUE, img, 3 * w / 4, h / 4, tolerance);
        assertColor(Color.GRAY, img, w / 2, 3 * h / 4, tolerance);
    }

    static void assertColor(Color expected, BufferedImage img, int x, int y, int tolerance) {
        Color c = new Color(img.getRGB(x, y));
        int d = Math.max(Math.abs(c.getRed() - expected.getRed()),
                Math.max(Math.abs(c.getGreen() - expected.getGreen()), Math.abs(c.getBlue() - expected.getBlue())));
        assertTrue(d <= tolerance, "pixel " + new Point(x, y) + " is " + c + ", expected " + expected + " ±" + tolerance);
    }

    /** The raw BGR bytes of an image, for exact comparisons. */
    static final class FaceBytes {
        static byte[] of(BufferedImage img) {
            return ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        }
    }
}
