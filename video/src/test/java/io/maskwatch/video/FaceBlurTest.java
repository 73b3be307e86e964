package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.annotate.FaceBlur;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Label;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --blur on a real photo: the face becomes blocks, the rest of the photo is untouched. */
class FaceBlurTest {

    @Test
    void pixelatesOnlyTheFace() throws Exception {
        BufferedImage photo = ImageLoader.read(VideoFixtures.DATASET.resolve("images/208.jpg"));
        BufferedImage before = ImageLoader.read(VideoFixtures.DATASET.resolve("images/208.jpg"));
        Box face = Box.ofSize(100, 60, 80, 80);
        FaceBlur.pixelate(photo, List.of(face));
        int block = 12; // max(4, round(96 / 8)) for the face grown by 10% each side
        int x0 = 92, y0 = 52;
        int distinctInBlock = (int) java.util.stream.IntStream.range(0, block * block)
                .map(i -> photo.getRGB(x0 + i % block, y0 + i / block)).distinct().count();
        assertEquals(1, distinctInBlock, "one colour per block");
        assertNotEquals(before.getRGB(x0 + 3, y0 + 3), photo.getRGB(x0 + 3, y0 + 3));
        for (int y = 0; y < photo.getHeight(); y += 7) {
            for (int x = 0; x < photo.getWidth(); x += 7) {
                boolean inside = x >= 92 && x < 188 && y >= 52 && y < 148;
                if (!inside) {
                    assertEquals(before.getRGB(x, y), photo.getRGB(x, y), x + "," + y);
                }
            }
        }
    }

    @Test
    void modes() {
        assertTrue(FaceBlur.Mode.parse("masked").blurs(Label.MASKED));
        assertFalse(FaceBlur.Mode.parse("masked").blurs(Label.UNMASKED));
        assertFalse(FaceBlur.Mode.parse("masked").blurs(null));
        assertTrue(FaceBlur.Mode.parse("ALL").blurs(Label.UNMASKED));
        assertFalse(FaceBlur.Mode.parse("none").blurs(Label.MASKED));
        assertThrows(IllegalArgumentException.class, () -> FaceBlur.Mode.parse("faces"));
    }
}
