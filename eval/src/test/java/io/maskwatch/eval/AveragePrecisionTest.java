package io.maskwatch.eval;

import static io.maskwatch.eval.Hand.det;
import static io.maskwatch.eval.Hand.image;
import static io.maskwatch.eval.Hand.masked;
import static io.maskwatch.eval.Hand.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AveragePrecisionTest {

    private static final List<Prediction> SMALL = List.of(
            det(0, 0, 10, 10, 0.9, 0.5),        // face A: true positive
            det(0, 0, 10, 10, 0.8, 0.5),        // A again: a duplicate is a false positive
            det(70, 70, 80, 80, 0.7, 0.5),      // nothing there: false positive
            det(20, 0, 30, 10, 0.6, 0.5));      // face B: true positive; face C is never found

    @Test
    void handComputedAp() {
        // TP FP FP TP over 3 faces: precision 1 .5 .33 .5, recall 1/3 1/3 1/3 2/3;
        // envelope 1 .5 .5 .5 -> AP = 1/3 * 1 + 1/3 * 0.5 = 0.5
        ImageRun r = run(image("a.jpg", masked(0, 0, 10, 10), masked(20, 0, 30, 10), masked(40, 0, 50, 10)),
                SMALL, 0.5, 0.5, 0.5);
        assertEquals(0.5, AveragePrecision.of(List.of(r), 0), 1e-12);
    }

    @Test
    void minimumFaceSizeIgnoresSmallFacesAndTheirDetections() {
        List<Prediction> dets = new java.util.ArrayList<>(SMALL);
        dets.add(det(60, 0, 90, 30, 0.95, 0.5)); // face D (30 px)
        ImageRun r = run(image("a.jpg", masked(0, 0, 10, 10), masked(20, 0, 30, 10), masked(40, 0, 50, 10),
                masked(60, 0, 90, 30)), dets, 0.5, 0.5, 0.5, 0.5);
        // all faces: TP TP FP FP TP over 4: envelope 1 1 .667 .6 .6 -> .25 + .25 + .25 * .6 = 0.65
        assertEquals(0.65, AveragePrecision.of(List.of(r), 0), 1e-12);
        // >= 20 px: only D counts; detections on small faces and the small false positive are ignored
        assertEquals(1.0, AveragePrecision.of(List.of(r), 20), 1e-12);
    }

    @Test
    void noFacesNoAp() {
        assertTrue(Double.isNaN(AveragePrecision.of(List.of(run(image("e.jpg"), List.of())), 0)));
        assertEquals(0.0, AveragePrecision.of(List.of(run(image("e.jpg", masked(0, 0, 10, 10)), List.of(), 0.5)), 0), 0.0);
    }
}
