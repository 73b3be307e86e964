package io.maskwatch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageLoadException.Kind;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The loader bounds memory and time whatever the file says: metadata bombs, scan bombs, slow decodes. */
class ImageBoundsTest {

    /** Bytes this thread allocated: the heap a decode asked for, whatever the GC did meanwhile. */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zTXt", "iTXt", "iCCP"})
    void pngMetadataIsNeverInflated(String chunk) throws Exception {
        byte[] bomb = ImageBombs.pngMetadataBomb(chunk, 64L << 20); // 64 MB of zeros in about 64 KB
        assertTrue(bomb.length < 100_000, "bomb is " + bomb.length + " bytes");
        long before = allocated();
        long t0 = System.nanoTime();
        BufferedImage img = ImageLoader.read(bomb, "bomb.png");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long mb = (allocated() - before) >> 20;
        assertEquals(64, img.getWidth());
        assertEquals(64, img.getHeight());
        // The file itself is ~64 KB and gets copied once; inflating the chunk would allocate 64 MB or more.
        assertTrue(mb < 16, chunk + ": allocated " + mb + " MB");
        System.out.printf("%s bomb (%d bytes, 64 MB inflated): %d ms, %d MB allocated%n", chunk, bomb.length, ms, mb);
    }

    @Test
    void pngPixelsAreUnchangedWithoutMetadata() throws Exception {
        byte[] bomb = ImageBombs.pngMetadataBomb("zTXt", 1 << 20);
        BufferedImage ours = ImageLoader.read(bomb, "a.png");
        BufferedImage jdk = ImageLoader.toBgr(ImageIO.read(new java.io.ByteArrayInputStream(bomb)));
        assertArrayEquals(((DataBufferByte) jdk.getRaster().getDataBuffer()).getData(),
                ((DataBufferByte) ours.getRaster().getDataBuffer()).getData());
    }

    @Test
    void jpegWithTooManyScansIsRefusedBeforeDecoding() {
        byte[] bomb = ImageBombs.progressiveScanBomb(2000, 2000, 300);
        int scans = JpegSegments.scanCount(bomb);
        assertTrue(scans > 300, "scans: " + scans);
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.read(bomb, "scans.jpg"));
        assertEquals(Kind.TOO_COMPLEX, e.kind());
        assertEquals("scans.jpg: too many JPEG scans: " + scans + ", the limit is 100", e.getMessage());
    }

    @Test
    void jpegWithScansUnderTheLimitDecodes() throws Exception {
        byte[] many = ImageBombs.progressiveScanBomb(300, 200, 85);
        int scans = JpegSegments.scanCount(many);
        assertTrue(scans > 80 && scans <= 100, "scans: " + scans);
        assertEquals(300, ImageLoader.read(many, "many.jpg").getWidth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "progressive"})
    void decodingPastTheDeadlineIsStopped(String format) throws Exception {
        BufferedImage src = ImageBombs.picture(4000, 3000);
        byte[] bytes = format.equals("progressive") ? ImageBombs.progressiveJpeg(src) : TestImages.encode(src, format);
        ImageLimits limits = ImageLimits.DEFAULT.withDecodeTimeout(Duration.ofMillis(1));
        long t0 = System.nanoTime();
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.read(bytes, "slow", limits));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.TOO_COMPLEX, e.kind(), e.getMessage());
        assertTrue(e.reason().startsWith("decoding the "), e.getMessage());
        assertTrue(e.reason().endsWith("took longer than the limit of 0.00100 s"), e.getMessage());
        // The same file within the default deadline decodes.
        assertEquals(4000, ImageLoader.read(bytes, "slow").getWidth());
        System.out.printf("%s 4000x3000 stopped after %d ms%n", format, ms);
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.DEFAULT.withMaxJpegScans(0));
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.DEFAULT.withDecodeTimeout(Duration.ZERO));
    }
}
