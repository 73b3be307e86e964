package io.maskwatch.eval;

import static io.maskwatch.eval.Hand.det;
import static io.maskwatch.eval.Hand.image;
import static io.maskwatch.eval.Hand.incorrect;
import static io.maskwatch.eval.Hand.masked;
import static io.maskwatch.eval.Hand.run;
import static io.maskwatch.eval.Hand.unmasked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.LabelMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole protocol on a hand-made set whose every number is worked out in the comments. */
class EvaluatorTest {

    // image 1: M1 masked 20 px found twice (P 0.9 and 0.3: 0.3 counts -> wrong), U1 unmasked found (0.1 -> correct),
    //          one spurious 15 px detection
    // image 2: nothing annotated, nothing found
    // image 3: M2 masked 40 px found (0.8 -> correct), U2 unmasked 10 px missed,
    //          I1 incorrectly worn 30 px found (0.6 -> says masked, counts as unmasked -> wrong), one spurious 30 px detection
    // classifier on the GT boxes: M1 .7, U1 .2, M2 .9, U2 .4, I1 .55 (I1 the only mistake)
    static final List<ImageRun> RUNS = List.of(
            run(image("1.jpg", masked(0, 0, 20, 20), unmasked(50, 50, 70, 70)),
                    List.of(det(0, 0, 20, 20, 0.99, 0.9), det(0, 0, 20, 18, 0.9, 0.3), det(50, 50, 70, 70, 0.8, 0.1),
                            det(80, 0, 95, 15, 0.7, 0.2)), 0.7, 0.2),
            run(image("2.jpg"), List.of()),
            run(image("3.jpg", masked(0, 0, 40, 40), unmasked(50, 0, 60, 10), incorrect(0, 50, 30, 80)),
                    List.of(det(0, 0, 40, 40, 0.95, 0.8), det(0, 50, 30, 80, 0.9, 0.6), det(60, 60, 90, 90, 0.6, 0.95)),
                    0.9, 0.4, 0.55));

    static Evaluation evaluate() {
        return Evaluator.evaluate("hand", RUNS, LabelMap.DEFAULT, 0.5, 20, List.of(), Map.of("seed", "none"));
    }

    @Test
    void detectorCounts() {
        DetectorMetrics d = evaluate().all().detector();
        assertEquals(new DetectorMetrics(5, 7, 4, 1, 2, 0.8, 5.0 / 7, d.averagePrecision()), d);
        DetectorMetrics big = evaluate().minFaceSubset().detector();
        // >= 20 px: U2 is out, and the 15 px spurious detection too
        assertEquals(new DetectorMetrics(4, 6, 4, 0, 1, 1.0, 5.0 / 6, big.averagePrecision()), big);
    }

    @Test
    void pipelineTableAndRates() {
        PipelineMetrics p = evaluate().all().pipeline();
        assertEquals(new ClassCounts(2, 1, 1, 0), p.masked());
        assertEquals(new ClassCounts(3, 1, 1, 1), p.unmasked());
        assertEquals(new ClassCounts(1, 0, 1, 0), p.incorrect());
        assertEquals(1.0 / 3, p.tnr(), 1e-12);
        assertEquals(0.5, p.fnr(), 1e-12);
        assertEquals(0.5, p.tnrDetected(), 1e-12);
        assertEquals(0.5, p.fnrDetected(), 1e-12);
        // ROC scores: masked .3 .8; unmasked .1, 1 (missed), .6 -> pairs won 1 + 2 of 6
        assertEquals(0.5, p.auc(), 1e-12);
        PipelineMetrics big = evaluate().minFaceSubset().pipeline();
        assertEquals(new ClassCounts(2, 1, 1, 0), big.masked());
        assertEquals(new ClassCounts(2, 1, 1, 0), big.unmasked());
        assertEquals(0.5, big.tnr(), 1e-12);
    }

    @Test
    void incorrectCountingAsMaskedChangesTheTableButIsStillReportedApart() {
        Evaluation e = Evaluator.evaluate("hand", RUNS, LabelMap.DEFAULT.withIncorrectCountingAs(FaceClass.MASKED),
                0.5, 20, List.of(), Map.of());
        PipelineMetrics p = e.all().pipeline();
        assertEquals(new ClassCounts(3, 2, 1, 0), p.masked());
        assertEquals(new ClassCounts(2, 1, 0, 1), p.unmasked());
        assertEquals(new ClassCounts(1, 1, 0, 0), p.incorrect());
    }

    @Test
    void classifierOnGroundTruthBoxes() {
        ClassifierMetrics c = evaluate().all().classifier();
        assertEquals(5, c.faces());
        assertEquals(0.8, c.accuracy(), 1e-12);
        assertEquals(2.0 / 3, c.tnr(), 1e-12);
        assertEquals(0.0, c.fnr(), 1e-12);
        assertEquals(1.0, c.auc(), 1e-12);
        assertEquals(new ClassCounts(1, 0, 1, 0), c.incorrect());
        // sizes: U2 10 px; M1, U1 20 px and I1 30 px; M2 40 px
        assertEquals(List.of(1, 3, 1), c.bySize().stream().map(ClassifierMetrics.SizeBucket::faces).toList());
    }

    @Test
    void thresholdSweepAndOperatingPoints() {
        ThresholdSweep s = evaluate().all().sweep();
        assertEquals(101, s.points().size());
        ThresholdSweep.Point at35 = s.points().get(35);
        assertEquals(0.35, at35.threshold(), 1e-12);
        assertEquals(1.0 / 3, at35.tnr(), 1e-12);
        assertEquals(0.5, at35.fnr(), 1e-12);
        assertEquals(2.0 / 3, s.points().get(61).tnr(), 1e-12);
        assertEquals(1.0, s.points().get(81).fnr(), 1e-12);
        assertNull(s.tnrTarget(), "a missed unmasked face keeps TNR at most 2/3");
        assertEquals(0.30, s.fnrTarget().threshold(), 1e-12);
        assertEquals(0.61, s.tnrDetectedTarget().threshold(), 1e-12);
        assertEquals(0.30, s.fnrDetectedTarget().threshold(), 1e-12);
    }

    @Test
    void rowsAndOutcomes() {
        Evaluation e = evaluate();
        assertEquals(3, e.images());
        assertEquals(5, e.faces());
        assertEquals(List.of(Outcome.WRONG, Outcome.CORRECT, Outcome.CORRECT, Outcome.MISSED, Outcome.WRONG),
                e.faceRows().stream().map(FaceRow::outcome).toList());
        assertEquals(2, e.faceRows().get(0).candidates());
        assertEquals(0.3, e.faceRows().get(0).detection().maskProbability(), 0.0);
        assertEquals(2, e.spurious().size());
        assertTrue(e.errors().isEmpty());
    }

    @Test
    void aFailedImageCountsItsFacesAsMissedAndIsListed() {
        List<ImageRun> runs = List.of(ImageRun.failed(image("bad.jpg", masked(0, 0, 30, 30)), "corrupt JPEG"));
        Evaluation e = Evaluator.evaluate("hand", runs, LabelMap.DEFAULT, 0.5, 20, List.of(), Map.of());
        assertEquals(new ClassCounts(1, 0, 0, 1), e.all().pipeline().masked());
        assertEquals(0, e.all().classifier().faces());
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).contains("corrupt JPEG"));
    }
}
