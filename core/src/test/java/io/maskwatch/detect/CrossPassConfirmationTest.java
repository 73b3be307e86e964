package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cross-pass confirmation of {@link MultiScaleDetector}: faces only the detail pass sees need a higher score. */
class CrossPassConfirmationTest {

    private static Face face(double x1, double y1, double x2, double y2, double score) {
        return new Face(new Box(x1, y1, x2, y2), score, List.of());
    }

    @Test
    void detailPassFacesNeedAnotherPassOrAHighScore() {
        DetectorConfig c = DetectorConfig.DEFAULT.withConfirmation(0.35, 0.8);
        Face first = face(0, 0, 100, 100, 0.9);          // first pass: kept as it is
        Face firstWeak = face(300, 0, 400, 100, 0.4);     // first pass, below confidence: dropped, but confirms
        Face confirmed = face(305, 5, 405, 105, 0.65);    // detail pass, IoU 0.82 with firstWeak: kept
        Face alone = face(600, 0, 650, 60, 0.7);          // detail pass, nothing near it: dropped
        Face aloneSure = face(800, 0, 850, 60, 0.85);     // detail pass, nothing near it, but above 0.8: kept
        Face tooWeakConfirmer = face(0, 300, 50, 350, 0.3); // first pass, below the confirm score
        Face notConfirmed = face(2, 302, 52, 352, 0.7);   // detail pass, only tooWeakConfirmer near it: dropped
        Face tiny = face(900, 900, 940, 940, 0.65);      // detail pass, alone, but 40 px = 8 px at the first pass
        List<Face> all = List.of(first, firstWeak, confirmed, alone, aloneSure, tooWeakConfirmer, notConfirmed, tiny);
        List<Integer> pass = List.of(0, 0, 1, 1, 1, 0, 1, 1);
        assertEquals(List.of(first, confirmed, aloneSure, tiny), MultiScaleDetector.confirmed(c, all, pass, 0.2));
        // the first pass at full size would have seen the 40 px face: dropped
        assertEquals(List.of(first, confirmed, aloneSure), MultiScaleDetector.confirmed(c, all, pass, 1.0));
        // turned off: everything at or above the confidence
        assertEquals(List.of(first, confirmed, alone, aloneSure, notConfirmed, tiny),
                MultiScaleDetector.confirmed(c.withConfirmation(0, 1), all, pass, 1.0));
    }

    @Test
    void candidatesAreDecodedDownToTheConfirmScore() {
        assertEquals(0.35, DetectorConfig.DEFAULT.candidateScore(), 1e-9);
        assertEquals(0.6, DetectorConfig.DEFAULT.withConfirmation(0, 1).candidateScore(), 1e-9);
        assertEquals(0.2, DetectorConfig.DEFAULT.withConfidence(0.2).candidateScore(), 1e-9);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DetectorConfig.DEFAULT.withConfirmation(1, 0.8)).getMessage().contains("confirm score"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DetectorConfig.DEFAULT.withConfirmation(0.3, 0)).getMessage().contains("unconfirmed"));
    }
}
