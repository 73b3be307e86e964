package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageTensorTest {

    /** 4x2 image, pixel (x, y) has R = 10x + y, G = 100, B = 200 + y. */
    private static BufferedImage image() {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, ((10 * x + y) << 16) | (100 << 8) | (200 + y));
            }
        }
        return img;
    }

    @Test
    void scaleOneCopiesBgrPlanesMinusMeanAndPads() {
        float[] t = new float[3 * 5 * 3];
        ImageTensor.of(image()).fill(t, 5, 3, 1.0, 0, 0, 4, 2, new float[] {1, 2, 3}, -7);
        int plane = 15;
        assertEquals(200 + 1 - 1, t[5 + 2], 1e-4); // B at (2, 1)
        assertEquals(100 - 2, t[plane + 5 + 2], 1e-4); // G
        assertEquals(21 - 3, t[2 * plane + 5 + 2], 1e-4); // R
        assertEquals(-7, t[4], 0); // padding column
        assertEquals(-7, t[2 * plane + 10], 0); // padding row
    }

    @Test
    void shrinkingAveragesAndTilesOffsetTheRegion() {
        float[] t = new float[3 * 2];
        ImageTensor.of(image()).fill(t, 2, 1, 0.5, 0, 0, 2, 1, new float[3], 0);
        assertEquals((0 + 1 + 10 + 11) / 4f, t[2 * 2], 1e-4); // R of the first 2x2 block
        assertEquals((20 + 21 + 30 + 31) / 4f, t[2 * 2 + 1], 1e-4);
        float[] tile = new float[3];
        ImageTensor.of(image()).fill(tile, 1, 1, 1.0, 3, 1, 1, 1, new float[3], 0);
        assertEquals(31, tile[2], 1e-4); // R of pixel (3, 1)
    }

    @Test
    void enlargingInterpolates() {
        float[] t = new float[3 * 8 * 4];
        ImageTensor.of(image()).fill(t, 8, 4, 2.0, 0, 0, 8, 4, new float[3], 0);
        int plane = 32;
        assertEquals(0, t[2 * plane], 1e-4); // corner stays
        assertEquals(31, t[2 * plane + 3 * 8 + 7], 1e-4); // far corner stays
        assertEquals(2.5f + 0.25f, t[2 * plane + 8 + 1], 1e-4); // between pixels (0,0),(1,0),(0,1),(1,1)
    }

    /** A reference resampling: the tensor {@link ImageTensor#fill} must give, written the plain way. */
    @FunctionalInterface
    private interface Reference {
        float[] fill(BufferedImage img, int dstW, int dstH, double scale, int tx, int ty, int tw, int th, float[] mean,
                     float pad);
    }

    /**
     * Fills a buffer left dirty by an earlier run (models keep theirs: nothing may leak into the padding) at each
     * scale, for the whole photo and for a tile, and compares with the reference to the bit.
     */
    private static void assertMatches(Reference reference, int width, int height, long seed, double... scales) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        new Random(seed).nextBytes(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        ImageTensor tensor = ImageTensor.of(img);
        float[] mean = {3f, 5f, 7f};
        for (double scale : scales) {
            for (int[] tile : new int[][] {{0, 0, 9999, 9999}, {width / 8, height / 8, width / 3, height / 3}}) {
                int tw = Math.min(tile[2], (int) Math.round(width * scale));
                int th = Math.min(tile[3], (int) Math.round(height * scale));
                int w = tw + 5;
                int h = th + 3;
                float[] reused = new float[3 * w * h + 10];
                Arrays.fill(reused, Float.NaN);
                tensor.fill(reused, w, h, scale, tile[0], tile[1], tw, th, mean, -1f);
                float[] expected = reference.fill(img, w, h, scale, tile[0], tile[1], tw, th, mean, -1f);
                assertArrayEquals(expected, Arrays.copyOf(reused, expected.length),
                        "scale " + scale + ", tile at " + tile[0] + "," + tile[1]);
            }
        }
    }

    /** Enlarging reuses each source row's across-interpolation for several output rows: textbook bilinear. */
    @Test
    void enlargingMatchesPlainBilinearToTheBitInAReusedBuffer() {
        assertMatches(ImageTensorTest::plainBilinear, 53, 31, 7, 1.0, 1.28, 2.0, 3.7);
    }

    /** Shrinking averages each output pixel's block of source pixels. */
    @Test
    void shrinkingMatchesPlainBlockAveragesToTheBitInAReusedBuffer() {
        assertMatches(ImageTensorTest::plainArea, 157, 93, 11, 0.9, 0.5, 0.33, 0.16);
    }

    /** Area averaging written the plain way: every output pixel from the sum of its block. */
    private static float[] plainArea(BufferedImage img, int dstW, int dstH, double scale, int tx, int ty, int tw,
                                     int th, float[] mean, float pad) {
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int width = img.getWidth();
        int height = img.getHeight();
        int plane = dstW * dstH;
        float[] dst = new float[3 * plane];
        Arrays.fill(dst, pad);
        int sw = (int) Math.min(tw, Math.min(dstW, Math.round(width * scale) - tx));
        int sh = (int) Math.min(th, Math.min(dstH, Math.round(height * scale) - ty));
        for (int oy = 0; oy < sh; oy++) {
            int y0 = Math.min(height - 1, (int) Math.round((ty + oy) / scale));
            int y1 = Math.max(y0 + 1, Math.min(height, (int) Math.round((ty + oy + 1) / scale)));
            for (int ox = 0; ox < sw; ox++) {
                int xa = Math.min(width - 1, Math.min(width, (int) Math.round((tx + ox) / scale)));
                int xb = Math.max(xa + 1, Math.min(width, (int) Math.round((tx + ox + 1) / scale)));
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int x = xa; x < xb; x++) {
                            sum += bgr[(y * width + x) * 3 + c] & 0xff;
                        }
                    }
                    dst[c * plane + oy * dstW + ox] = sum / (float) ((y1 - y0) * (xb - xa)) - mean[c];
                }
            }
        }
        return dst;
    }

    /** Bilinear resampling written the plain way: every output pixel from its four source pixels. */
    private static float[] plainBilinear(BufferedImage img, int dstW, int dstH, double scale, int tx, int ty, int tw,
                                         int th, float[] mean, float pad) {
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int width = img.getWidth();
        int height = img.getHeight();
        int plane = dstW * dstH;
        float[] dst = new float[3 * plane];
        Arrays.fill(dst, pad);
        int sw = (int) Math.min(tw, Math.min(dstW, Math.round(width * scale) - tx));
        int sh = (int) Math.min(th, Math.min(dstH, Math.round(height * scale) - ty));
        for (int oy = 0; oy < sh; oy++) {
            double sy = Math.max(0, Math.min(height - 1, (ty + oy + 0.5) / scale - 0.5));
            int y = Math.min(height - 2, (int) sy);
            float fy = (float) (sy - y);
            for (int ox = 0; ox < sw; ox++) {
                double sx = Math.max(0, Math.min(width - 1, (tx + ox + 0.5) / scale - 0.5));
                int x = Math.min(width - 2, (int) sx);
                float fx = (float) (sx - x);
                for (int c = 0; c < 3; c++) {
                    int p0 = (y * width + x) * 3 + c;
                    int p1 = p0 + width * 3;
                    float top = (bgr[p0] & 0xff) * (1 - fx) + (bgr[p0 + 3] & 0xff) * fx;
                    float bottom = (bgr[p1] & 0xff) * (1 - fx) + (bgr[p1 + 3] & 0xff) * fx;
                    dst[c * plane + oy * dstW + ox] = top * (1 - fy) + bottom * fy - mean[c];
                }
            }
        }
        return dst;
    }
}
