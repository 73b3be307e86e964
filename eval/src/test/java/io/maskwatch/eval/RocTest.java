package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RocTest {

    @Test
    void aucAgreesWithAHandCountOfPairsWithTiesAsHalf() {
        // positives 0.9, 0.7, 0.4; negatives 0.8, 0.7, 0.2.
        // pairs won by the positive: 0.9 -> 3; 0.7 -> 1 + 0.5 (tie); 0.4 -> 1. 5.5 of 9.
        Roc roc = Roc.of(new double[] {0.9, 0.8, 0.7, 0.7, 0.4, 0.2},
                new boolean[] {true, false, true, false, true, false});
        assertEquals(5.5 / 9, roc.auc(), 1e-12);
        assertEquals(3, roc.positives());
        assertEquals(3, roc.negatives());
        // one point per distinct score, plus the origin; the tie moves both rates at once
        assertEquals(List.of(
                new Roc.Point(Double.POSITIVE_INFINITY, 0, 0),
                new Roc.Point(0.9, 0, 1.0 / 3),
                new Roc.Point(0.8, 1.0 / 3, 1.0 / 3),
                new Roc.Point(0.7, 2.0 / 3, 2.0 / 3),
                new Roc.Point(0.4, 2.0 / 3, 1),
                new Roc.Point(0.2, 1, 1)), roc.points());
    }

    @Test
    void perfectInvertedAndConstantScores() {
        boolean[] labels = {true, true, false, false};
        assertEquals(1.0, Roc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels).auc(), 0.0);
        assertEquals(0.0, Roc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels).auc(), 0.0);
        assertEquals(0.5, Roc.of(new double[] {0.5, 0.5, 0.5, 0.5}, labels).auc(), 0.0);
    }

    @Test
    void oneClassOnlyHasNoArea() {
        assertTrue(Double.isNaN(Roc.of(new double[] {0.1, 0.2}, new boolean[] {true, true}).auc()));
        assertTrue(Double.isNaN(Roc.of(new double[0], new boolean[0]).auc()));
        assertThrows(IllegalArgumentException.class, () -> Roc.of(new double[] {Double.NaN}, new boolean[] {true}));
    }
}
