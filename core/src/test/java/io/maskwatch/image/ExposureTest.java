package io.maskwatch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ExposureTest {

    private static BufferedImage photo() throws Exception {
        return ImageLoader.read(SharedFolder.require().resolve("datasets/reference-photos-validation/images/3.jpg"));
    }

    @Test
    void anOrdinaryPhotoIsLeftAsItIs() throws Exception {
        BufferedImage p = photo();
        assertTrue(Exposure.luminancePercentile99(p) >= Exposure.DIM);
        assertSame(p, Exposure.forModels(p));
    }

    @Test
    void aDimPhotoIsBrightenedToTheTarget() throws Exception {
        BufferedImage p = photo();
        BufferedImage dim = DimPhotos.darkened(p, 0.25);
        int before = Exposure.luminancePercentile99(dim);
        assertTrue(before < Exposure.DIM, "darkened 99th percentile " + before);
        BufferedImage seen = Exposure.forModels(dim);
        assertNotSame(dim, seen);
        int after = Exposure.luminancePercentile99(seen);
        assertTrue(Math.abs(after - Exposure.TARGET) <= 3, "after " + after);
        // the input is not touched: results are drawn on the photo as it came
        assertEquals(before, Exposure.luminancePercentile99(dim));
    }

    @Test
    void theGainIsBoundedAndOtherImageTypesWork() {
        BufferedImage black = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        assertEquals(Exposure.MAX_GAIN, Exposure.gain(black));
        BufferedImage seen = Exposure.forModels(black);
        assertEquals(0, Exposure.luminancePercentile99(seen));       // black stays black
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                grey.getRaster().setSample(x, y, 0, 20 + x);
            }
        }
        BufferedImage g = Exposure.forModels(grey);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, g.getType());
        assertTrue(Exposure.luminancePercentile99(g) >= Exposure.TARGET - 5);
    }
}
