package io.maskwatch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExposureTest {

    private static BufferedImage photo() throws Exception {
        return ImageLoader.read(SharedFolder.require().resolve("datasets/reference-photos-validation/images/3.jpg"));
    }

    @Test
    void anOrdinaryPhotoIsLeftAsItIs() throws Exception {
        BufferedImage p = photo();
        int[] q = Exposure.percentiles(p);
        assertTrue(q[1] >= Exposure.DIM && q[1] - q[0] >= Exposure.FLAT, Arrays.toString(q));
        assertSame(p, Exposure.forModels(p));
    }

    @Test
    void aDimPhotoIsStretchedToTheTargetRange() throws Exception {
        BufferedImage dim = DimPhotos.darkened(photo(), 0.25);
        int[] before = Exposure.percentiles(dim);
        assertTrue(before[1] < Exposure.DIM, Arrays.toString(before));
        BufferedImage seen = Exposure.forModels(dim);
        assertNotSame(dim, seen);
        int[] after = Exposure.percentiles(seen);
        assertTrue(Math.abs(after[0] - Exposure.LOW) <= 4 && Math.abs(after[1] - Exposure.HIGH) <= 4, Arrays.toString(after));
        // the input is not touched: results are drawn on the photo as it came
        assertEquals(Arrays.toString(before), Arrays.toString(Exposure.percentiles(dim)));
    }

    @Test
    void aWashedOutPhotoIsStretchedToo() throws Exception {
        BufferedImage flat = DimPhotos.flattened(photo(), 0.35, 128);
        int[] before = Exposure.percentiles(flat);
        assertTrue(before[1] >= Exposure.DIM && before[1] - before[0] < Exposure.FLAT, Arrays.toString(before));
        int[] after = Exposure.percentiles(Exposure.forModels(flat));
        assertTrue(Math.abs(after[1] - after[0] - (Exposure.HIGH - Exposure.LOW)) <= 6, Arrays.toString(after));
    }

    @Test
    void theGainIsBoundedAndOtherImageTypesWork() {
        BufferedImage black = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        assertEquals(Exposure.MAX_GAIN, Exposure.gain(0, 0));
        int[] seen = Exposure.percentiles(Exposure.forModels(black));
        assertEquals(Exposure.LOW, seen[0]);          // a uniform photo stays uniform
        assertEquals(Exposure.LOW, seen[1]);
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                grey.getRaster().setSample(x, y, 0, 20 + x);
            }
        }
        BufferedImage g = Exposure.forModels(grey);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, g.getType());
        assertTrue(Exposure.percentiles(g)[1] >= Exposure.HIGH - 8, Arrays.toString(Exposure.percentiles(g)));
    }
}
