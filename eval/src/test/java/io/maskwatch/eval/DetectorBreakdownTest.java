package io.maskwatch.eval;

import static io.maskwatch.eval.Hand.det;
import static io.maskwatch.eval.Hand.image;
import static io.maskwatch.eval.Hand.masked;
import static io.maskwatch.eval.Hand.run;
import static io.maskwatch.eval.Hand.unmasked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.dataset.LabelMap;
import io.maskwatch.detect.Box;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The detector breakdown on a hand-made photo whose every number is worked out in the comments. */
class DetectorBreakdownTest {

    // a.jpg: M1 masked 40 px found (P 0.8: called masked); U1 unmasked 40 px whose only detection covers its top
    //        45% (IoU 0.45: missed, found but mismatched, and that detection is spurious, called unmasked);
    //        U2 unmasked 10 px missed; one more spurious detection, on a face of the ignore list (called unmasked)
    static Evaluation evaluation() {
        ImageRun r = run(image("a.jpg", masked(0, 0, 40, 40), unmasked(50, 0, 90, 40), unmasked(0, 60, 10, 70)),
                List.of(det(0, 0, 40, 40, 0.9, 0.8), det(50, 0, 90, 18, 0.8, 0.3), det(60, 60, 90, 90, 0.7, 0.2)),
                0.9, 0.1, 0.2);
        return Evaluator.evaluate("sets/hand", List.of(r), LabelMap.DEFAULT, 0.5, 20, List.of(), Map.of());
    }

    static final UnannotatedFaces IGNORE = new UnannotatedFaces("hand",
            List.of(new UnannotatedFaces.Entry("a.jpg", Box.ofSize(60, 60, 30, 30), "poster")));

    @Test
    void mismatchedSpuriousAndConfusion() {
        DetectorBreakdown b = DetectorBreakdown.of(evaluation(), IGNORE);
        assertEquals(1, b.mismatched().size());
        assertEquals(0.45, b.mismatched().get(0).iou(), 1e-9);
        assertEquals(2, b.spurious());
        assertEquals(1, b.spuriousUnannotatedFaces());
        assertEquals(1, b.spuriousNonFaces());
        assertEquals(1, b.ignoreListBoxes());
        assertEquals(new DetectorBreakdown.Confusion(1, 0, 0, 0, 0, 2, 0, 1, 0, 1), b.confusion());
        assertEquals(1, b.recall().k());
        assertEquals(3, b.recall().n());
        // TNR: no unmasked face called unmasked (0/2); FNR: 0/1
        assertEquals(0, b.tnr().k());
        assertEquals(2, b.tnr().n());
        // without the list both spurious detections are non-faces
        assertEquals(2, DetectorBreakdown.of(evaluation(), UnannotatedFaces.NONE).spuriousNonFaces());
    }

    @Test
    void recallBySizeAndClass() {
        DetectorBreakdown b = DetectorBreakdown.of(evaluation(), IGNORE);
        DetectorBreakdown.SizeClassRecall small = b.bySize().get(0);   // < 20 px: U2
        assertEquals(0, small.masked().n());
        assertEquals(1, small.unmasked().n());
        assertEquals(0, small.unmasked().k());
        DetectorBreakdown.SizeClassRecall mid = b.bySize().get(2);     // 40-80 px: M1 found, U1 missed
        assertEquals(1, mid.masked().k());
        assertEquals(0, mid.unmasked().k());
        assertEquals(1, mid.all().k());
        assertEquals(2, mid.all().n());
    }

    @Test
    void precisionRecallCurveOverTheScore() {
        List<DetectorBreakdown.PrPoint> pr = DetectorBreakdown.of(evaluation(), IGNORE).prCurve();
        assertEquals(3, pr.size());
        assertEquals(1.0, pr.get(0).precision(), 1e-9);      // >= 0.9: the one on M1
        assertEquals(1 / 3.0, pr.get(0).recall(), 1e-9);
        assertEquals(0.5, pr.get(1).precision(), 1e-9);      // >= 0.8: plus the mismatched box
        assertEquals(1 / 3.0, pr.get(2).precision(), 1e-9);  // >= 0.7: plus the poster face
        assertEquals(1 / 3.0, pr.get(2).recall(), 1e-9);
    }

    @Test
    void wilsonIntervalsMatchPublishedValues() {
        // Newcombe (1998), table I: 0/10 -> 0-0.2775, 5/10 -> 0.2366-0.7634
        Wilson zero = Wilson.of(0, 10);
        assertEquals(0, zero.low(), 1e-4);
        assertEquals(0.2775, zero.high(), 1e-4);
        Wilson half = Wilson.of(5, 10);
        assertEquals(0.2366, half.low(), 1e-4);
        assertEquals(0.7634, half.high(), 1e-4);
        assertTrue(Double.isNaN(Wilson.of(0, 0).value()));
        assertThrows(IllegalArgumentException.class, () -> Wilson.of(3, 2));
    }

    @Test
    void ignoreListFormat() throws IOException {
        String ok = "image,x,y,w,h,reason\n# a comment\n1.jpg,10,20,30,40,crowd\n";
        List<UnannotatedFaces.Entry> e = UnannotatedFaces.read(in(ok), "t.csv");
        assertEquals(List.of(new UnannotatedFaces.Entry("1.jpg", Box.ofSize(10, 20, 30, 40), "crowd")), e);
        IOException bad = assertThrows(IOException.class,
                () -> UnannotatedFaces.read(in("image,x,y,w,h,reason\n1.jpg,1,2,3,4,two words\n"), "t.csv"));
        assertTrue(bad.getMessage().contains("t.csv line 2") && bad.getMessage().contains("one word"), bad.getMessage());
        assertThrows(IOException.class, () -> UnannotatedFaces.read(in("a,b\n"), "t.csv"));
    }

    @Test
    void theReferenceSetsListIsCommittedAndWellFormed() {
        UnannotatedFaces list = UnannotatedFaces.forSet("reference-photos-validation");
        assertTrue(list.size() > 0, "the ignore list of reference-photos-validation is missing");
        for (UnannotatedFaces.Entry e : list.entries()) {
            assertTrue(e.image().endsWith(".jpg") && e.box().width() > 0 && e.box().height() > 0, e.toString());
        }
        assertEquals(0, UnannotatedFaces.forSet("no-such-set").size());
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
