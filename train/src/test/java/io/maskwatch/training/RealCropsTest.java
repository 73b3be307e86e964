package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.Resampler;
import io.maskwatch.classify.CropSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RealCropsTest {

    @Test
    void nameKeysJoinCopiesAndPeople() {
        assertEquals("0_0_0", RealCrops.nameKey(Path.of("0_0_0 copy 12.jpg")));
        assertEquals("0_0_0", RealCrops.nameKey(Path.of("0_0_0 copy 2 2.jpg")));
        assertEquals("0_0_0", RealCrops.nameKey(Path.of("0_0_0.png")));
        assertEquals("yell11", RealCrops.nameKey(Path.of("yell11 (1).jpg")));
        assertEquals("person:anhu", RealCrops.nameKey(Path.of("1_0_anhu_0014.jpg")));
        assertNotEquals(RealCrops.nameKey(Path.of("with_mask12.jpg")), RealCrops.nameKey(Path.of("with_mask13.jpg")));
    }

    @Test
    void groupsNeverSpanTheSplitAndSamplesAreCached() throws Exception {
        RealCrops.Loaded l = TestData.slice();
        assertEquals(480, l.samples().size());
        assertTrue(l.groups() < l.samples().size(), "copies are grouped: " + l.groups());
        Map<String, Boolean> side = new HashMap<>();
        for (FaceSample s : l.samples()) {
            boolean h = Splits.heldOut(TrainingRun.SPLIT_SEED, s.group(), 0.2);
            Boolean prev = side.put(s.group(), h);
            assertTrue(prev == null || prev == h);
            assertTrue(Math.max(s.patch().getWidth(), s.patch().getHeight()) <= FaceSample.CACHE_FACE_PX * FaceSample.CACHE_MARGIN + 2);
        }
        // the "copy N" files of one photo are one group
        List<FaceSample> copies = l.samples().stream().filter(s -> s.name().startsWith("with_mask/0_0_0 copy")).toList();
        assertTrue(copies.size() > 5);
        assertEquals(1, copies.stream().map(FaceSample::group).distinct().count());
    }

    @Test
    void augmentedCropsHaveTheModelSizeAndVary() throws Exception {
        FaceSample s = TestData.slice().samples().get(0);
        Augmenter a = new Augmenter(CropSpec.DEFAULT, Augmenter.Settings.DEFAULT);
        Random r = new Random(1);
        BufferedImage x = a.augment(s, r);
        BufferedImage y = a.augment(s, r);
        assertEquals(CropSpec.DEFAULT.size(), x.getWidth());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, x.getType());
        assertNotEquals(java.util.Arrays.hashCode(Resampler.bgrBytes(x)),
                java.util.Arrays.hashCode(Resampler.bgrBytes(y)));
        // same seed, same crops
        BufferedImage z = a.augment(s, new Random(1));
        assertEquals(java.util.Arrays.hashCode(Resampler.bgrBytes(x)),
                java.util.Arrays.hashCode(Resampler.bgrBytes(z)));
    }
}
