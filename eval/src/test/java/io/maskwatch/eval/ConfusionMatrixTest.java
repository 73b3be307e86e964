package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.dataset.FaceClass;
import io.maskwatch.pipeline.Label;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void countsRecallAndNotMaskedByHand() {
        List<FaceClass> truth = List.of(FaceClass.MASKED, FaceClass.MASKED, FaceClass.MASKED, FaceClass.INCORRECT,
                FaceClass.INCORRECT, FaceClass.INCORRECT, FaceClass.INCORRECT, FaceClass.UNMASKED, FaceClass.UNMASKED);
        List<Label> called = Arrays.asList(Label.MASKED, Label.MASKED, Label.INCORRECT, Label.INCORRECT,
                Label.INCORRECT, Label.UNMASKED, Label.MASKED, Label.UNMASKED, null);
        ConfusionMatrix m = ConfusionMatrix.of(truth, called);
        assertEquals(2, m.count(Label.MASKED, Label.MASKED));
        assertEquals(1, m.count(Label.MASKED, Label.INCORRECT));
        assertEquals(4, m.total(Label.INCORRECT));
        assertEquals(0.5, m.recall(Label.INCORRECT), 1e-12);
        assertEquals(0.75, m.notMasked(Label.INCORRECT), 1e-12);
        assertEquals(1, m.missed(Label.UNMASKED));
        assertEquals(0.5, m.recall(Label.UNMASKED), 1e-12); // the face not found counts against recall
        assertTrue(m.markdown().contains("| incorrect | 1 | 2 | 1 | 0 | 50.0% |"), m.markdown());
    }
}
