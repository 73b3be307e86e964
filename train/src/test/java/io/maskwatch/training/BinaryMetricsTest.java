package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void aucMatchesAHandCount() {
        // masked scores 0.9, 0.6, 0.4; unmasked 0.5, 0.4, 0.1: pairs won 3 + 3 + (1 + tie 0.5) = 7.5 of 9
        float[] s = {0.9f, 0.6f, 0.4f, 0.5f, 0.4f, 0.1f};
        boolean[] m = {true, true, true, false, false, false};
        assertEquals(7.5 / 9, BinaryMetrics.auc(s, m), 1e-12);
        BinaryMetrics b = BinaryMetrics.of(s, m, 0.45);
        assertEquals(4.0 / 6, b.accuracy(), 1e-12);
        assertEquals(2.0 / 3, b.tpr(), 1e-12);
        assertEquals(2.0 / 3, b.tnr(), 1e-12);
    }

    @Test
    void aucIsNaNWithOneClass() {
        assertTrue(Double.isNaN(BinaryMetrics.auc(new float[] {0.1f, 0.2f}, new boolean[] {true, true})));
    }

    @Test
    void bestThresholdSeparatesSeparableScores() {
        float[] s = {0.95f, 0.8f, 0.7f, 0.3f, 0.2f};
        boolean[] m = {true, true, true, false, false};
        double t = BinaryMetrics.bestThreshold(s, m);
        assertTrue(t > 0.3 && t <= 0.7, "threshold " + t);
        assertEquals(1.0, BinaryMetrics.of(s, m, t).accuracy(), 1e-12);
    }

    @Test
    void bestThresholdBalancesTheClasses() {
        // one masked face scores low: balanced accuracy prefers giving it up over losing two unmasked ones
        float[] s = {0.9f, 0.85f, 0.1f, 0.2f, 0.15f, 0.12f, 0.3f};
        boolean[] m = {true, true, true, false, false, false, false};
        double t = BinaryMetrics.bestThreshold(s, m);
        BinaryMetrics b = BinaryMetrics.of(s, m, t);
        assertEquals(1.0, b.tnr(), 1e-12);
        assertEquals(2.0 / 3, b.tpr(), 1e-12);
    }
}
