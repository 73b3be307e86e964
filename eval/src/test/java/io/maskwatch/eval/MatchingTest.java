package io.maskwatch.eval;

import static io.maskwatch.eval.Hand.det;
import static io.maskwatch.eval.Hand.masked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest {

    @Test
    void iouEdgeCases() {
        Box a = new Box(0, 0, 10, 10);
        assertEquals(1.0, a.iou(new Box(0, 0, 10, 10)), 1e-12);
        assertEquals(0.0, a.iou(new Box(10, 0, 20, 10)), 0.0, "touching boxes do not overlap");
        assertEquals(0.0, a.iou(new Box(50, 50, 60, 60)), 0.0);
        assertEquals(0.5, a.iou(new Box(0, 0, 10, 20)), 1e-12);
        assertEquals(25.0 / 175.0, a.iou(new Box(5, 5, 15, 15)), 1e-12);
        assertEquals(0.0, a.iou(new Box(3, 3, 3, 3)), 0.0, "an empty box overlaps nothing");
        assertEquals(0.01, a.iou(new Box(4, 4, 5, 5)), 1e-12, "a box inside another");
    }

    @Test
    void iouOfExactlyHalfIsNotAMatch() {
        List<GroundTruthFace> faces = List.of(masked(0, 0, 10, 10));
        assertEquals(-1, Matching.matchFaces(faces, List.of(det(0, 0, 10, 20, 0.9, 0.5))).get(0).detection());
        Matching.Match m = Matching.matchFaces(faces, List.of(det(0, 0, 10, 19.99, 0.9, 0.5))).get(0);
        assertEquals(0, m.detection());
        assertTrue(m.iou() > 0.5);
        assertTrue(Double.isNaN(Matching.largestMatchedFace(faces, List.of(det(0, 0, 10, 20, 0.9, 0.5)))[0]));
    }

    @Test
    void severalDetectionsOnOneFaceTheLowestMaskProbabilityCounts() {
        List<GroundTruthFace> faces = List.of(masked(0, 0, 20, 20));
        List<Prediction> dets = List.of(
                det(0, 0, 20, 20, 0.99, 0.9),    // IoU 1, P 0.9
                det(1, 1, 20, 20, 0.50, 0.2),    // IoU 0.9025, P 0.2: counts
                det(0, 0, 20, 18, 0.70, 0.6));   // IoU 0.9, P 0.6
        Matching.Match m = Matching.matchFaces(faces, dets).get(0);
        assertEquals(1, m.detection());
        assertEquals(3, m.candidates());
        assertEquals(361.0 / 400.0, m.iou(), 1e-12);
        double[] largest = Matching.largestMatchedFace(faces, dets);
        for (double l : largest) {
            assertEquals(20, l, 0.0, "none of them is spurious");
        }
    }

    @Test
    void tiesOnMaskProbabilityGoToTheHigherIouThenTheEarlierDetection() {
        List<GroundTruthFace> faces = List.of(masked(0, 0, 20, 20));
        assertEquals(1, Matching.matchFaces(faces, List.of(det(0, 0, 20, 17, 0.9, 0.4), det(0, 0, 20, 19, 0.8, 0.4)))
                .get(0).detection());
        assertEquals(0, Matching.matchFaces(faces, List.of(det(0, 0, 20, 19, 0.9, 0.4), det(0, 0, 20, 19, 0.8, 0.4)))
                .get(0).detection());
    }

    @Test
    void emptyImages() {
        assertEquals(List.of(), Matching.matchFaces(List.of(), List.of(det(0, 0, 5, 5, 0.9, 0.5))));
        assertTrue(Double.isNaN(Matching.largestMatchedFace(List.of(), List.of(det(0, 0, 5, 5, 0.9, 0.5)))[0]));
        assertEquals(List.of(new Matching.Match(-1, 0, 0)), Matching.matchFaces(List.of(masked(0, 0, 5, 5)), List.of()));
        assertEquals(0, Matching.largestMatchedFace(List.of(), List.of()).length);
    }

    @Test
    void oneDetectionMatchingTwoOverlappingFacesCountsForBoth() {
        List<GroundTruthFace> faces = List.of(masked(0, 0, 20, 20), masked(1, 0, 21, 20));
        List<Matching.Match> m = Matching.matchFaces(faces, List.of(det(0, 0, 21, 20, 0.9, 0.3)));
        assertEquals(0, m.get(0).detection());
        assertEquals(0, m.get(1).detection());
    }
}
