package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.Label;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loss weight of each class's faces in total, for each balance mode, on hand-counted data. */
class LossWeightsTest {

    private static List<FaceSample> faces(int masked, int incorrect, int unmasked) {
        BufferedImage patch = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        List<FaceSample> out = new ArrayList<>();
        int[] counts = {masked, incorrect, unmasked};
        Label[] labels = {Label.MASKED, Label.INCORRECT, Label.UNMASKED};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < counts[c]; i++) {
                out.add(new FaceSample(patch, new Box(1, 1, 7, 7), labels[c], "s", "s/" + c + i, "f" + c + i, 6));
            }
        }
        return out;
    }

    /** Total weight of each class as a share of all (weights have mean 1, so the total is the face count). */
    private static double share(List<FaceSample> train, Map<FaceSample, Float> w, Label label) {
        return train.stream().filter(s -> s.label() == label).mapToDouble(w::get).sum() / train.size();
    }

    @Test
    void classBalanceGivesEachClassAThirdAndMaskedHalfGivesMaskedHalf() {
        List<FaceSample> train = faces(600, 100, 300);
        Map<FaceSample, Float> c = MaskTrainer.weights(train, TrainConfig.Balance.CLASS);
        assertEquals(1 / 3.0, share(train, c, Label.MASKED), 1e-4);
        assertEquals(1 / 3.0, share(train, c, Label.INCORRECT), 1e-4);
        assertEquals(1 / 3.0, share(train, c, Label.UNMASKED), 1e-4);
        Map<FaceSample, Float> h = MaskTrainer.weights(train, TrainConfig.Balance.MASKED_HALF);
        assertEquals(0.5, share(train, h, Label.MASKED), 1e-4);
        assertEquals(0.25, share(train, h, Label.INCORRECT), 1e-4);
        assertEquals(0.25, share(train, h, Label.UNMASKED), 1e-4);
        // two classes: masked against unmasked, half each, as a two-class model was trained
        List<FaceSample> two = faces(600, 0, 300);
        assertEquals(0.5, share(two, MaskTrainer.weights(two, TrainConfig.Balance.MASKED_HALF), Label.UNMASKED), 1e-4);
    }
}
