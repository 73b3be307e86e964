package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
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
}
