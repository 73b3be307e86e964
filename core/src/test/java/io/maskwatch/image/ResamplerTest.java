package io.maskwatch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskwatch.detect.Box;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        new Random(seed).nextBytes(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        return img;
    }

    /**
     * Upright crops work the sampling grid out once; every crop the classifier and the face check were trained on
     * came from the per-sample formula, so the averages must be the same to the bit: shrinking (up to 8 x 8
     * samples), enlarging, fractional regions and regions reaching past every edge.
     */
    @Test
    void uprightSamplingMatchesThePerSampleFormulaToTheBit() {
        BufferedImage img = noise(97, 61, 3);
        Box[] regions = {new Box(10.3, 5.7, 70.9, 50.2), new Box(-20, -15, 120, 80), new Box(40.5, 30.25, 52, 41),
            new Box(0, 0, 97, 61), new Box(90, 55, 140, 100)};
        for (Box region : regions) {
            for (int side : new int[] {8, 17, 64}) {
                double[] expected = new double[side * side * 3];
                double[] actual = new double[side * side * 3];
                plainSample(img, region, side, side, expected);
                Resampler.sample(img, region, 0, side, side, (x, y, b, g, r) -> {
                    int o = (y * side + x) * 3;
                    actual[o] = b;
                    actual[o + 1] = g;
                    actual[o + 2] = r;
                });
                assertArrayEquals(expected, actual, 0.0, region + " onto " + side);
            }
        }
    }

    @Test
    void anIntegerRegionAtItsOwnSizeIsCopiedAsItIs() {
        BufferedImage img = noise(20, 10, 5);
        BufferedImage crop = Resampler.resample(img, new Box(3, 2, 11, 9), 8, 7);
        assertEquals(img.getRGB(3, 2), crop.getRGB(0, 0));
        assertEquals(img.getRGB(10, 8), crop.getRGB(7, 6));
    }

    /** Each output pixel averages kx x ky bilinear samples of its footprint, written the plain way. */
    private static void plainSample(BufferedImage image, Box region, int ow, int oh, double[] out) {
        byte[] src = Resampler.bgrBytes(image);
        int iw = image.getWidth();
        int ih = image.getHeight();
        double sx = Math.max(region.width(), 1e-6) / ow;
        double sy = Math.max(region.height(), 1e-6) / oh;
        int kx = (int) Math.min(8, Math.max(1, Math.ceil(sx)));
        int ky = (int) Math.min(8, Math.max(1, Math.ceil(sy)));
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double[] acc = new double[3];
                for (int j = 0; j < ky; j++) {
                    for (int i = 0; i < kx; i++) {
                        double fx = Math.max(0, Math.min(iw - 1, region.x1() + (x + (i + 0.5) / kx) * sx - 0.5));
                        double fy = Math.max(0, Math.min(ih - 1, region.y1() + (y + (j + 0.5) / ky) * sy - 0.5));
                        int x0 = (int) fx;
                        int y0 = (int) fy;
                        int x1 = Math.min(x0 + 1, iw - 1);
                        int y1 = Math.min(y0 + 1, ih - 1);
                        double ax = fx - x0;
                        double ay = fy - y0;
                        for (int c = 0; c < 3; c++) {
                            double top = (src[(y0 * iw + x0) * 3 + c] & 0xff) * (1 - ax)
                                    + (src[(y0 * iw + x1) * 3 + c] & 0xff) * ax;
                            double bottom = (src[(y1 * iw + x0) * 3 + c] & 0xff) * (1 - ax)
                                    + (src[(y1 * iw + x1) * 3 + c] & 0xff) * ax;
                            acc[c] += top * (1 - ay) + bottom * ay;
                        }
                    }
                }
                int o = (y * ow + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = acc[c] / (kx * ky);
                }
            }
        }
    }
}
