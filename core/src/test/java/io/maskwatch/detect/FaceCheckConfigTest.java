package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaceCheckConfigTest {

    static final FaceCheckConfig C = new FaceCheckConfig(true, 0.8, 0.2, 0.45, 0.9, 0.5, 1);

    @Test
    void sureFacesAreKeptWhateverTheCheckSays() {
        assertTrue(C.keeps(0.85, 0.0, 0.6));
    }

    @Test
    void facesAtTheConfidenceNeedTheChecksMinimum() {
        assertTrue(C.keeps(0.65, 0.2, 0.6));
        assertFalse(C.keeps(0.65, 0.19, 0.6));
    }

    @Test
    void unsureFacesAreRescuedOnlyWhenTheCheckIsSure() {
        assertTrue(C.keeps(0.5, 0.95, 0.6));
        assertFalse(C.keeps(0.5, 0.85, 0.6));
        assertFalse(C.keeps(0.4, 0.99, 0.6));
    }

    @Test
    void onlyBoxesThatMissTheWholeFaceMove() {
        Box face = new Box(0, 0, 100, 100);
        Box half = new Box(0, 0, 100, 45);                       // IoU 0.45: would not count as found
        Box good = new Box(5, 5, 100, 100);                      // IoU 0.90: fine as it is
        assertTrue(C.boxFor(half, face).equals(face));
        assertTrue(C.boxFor(good, face).equals(good));
        assertTrue(new FaceCheckConfig(true, 0.8, 0.2, 0.45, 0.9, 0, 1).boxFor(half, face).equals(half));
    }

    @Test
    void valuesAreValidatedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new FaceCheckConfig(true, 0.8, 0.2, 0.45, 0.9, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> new FaceCheckConfig(true, 0.8, 0.2, 0.45, 0.9, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaceCheckConfig(true, 0.8, 0.2, 0.45, 0.9, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new FaceCheckConfig(true, 1.2, 0.2, 0.45, 0.9, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new FaceCheckConfig(true, 0.8, -0.1, 0.45, 0.9, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new FaceCheckConfig(true, 0.8, 0.2, 0, 0.9, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new FaceCheckConfig(true, 0.8, 0.2, 0.45, Double.NaN, 0.5, 1));
    }
}
