package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.classify.CropSpec;
import org.junit.jupiter.api.Test;

/** The face check's output row, decoded without a model. */
class FaceCheckDecoderTest {

    static final CropSpec SPEC = new CropSpec(2.0, true, 64, 0.5f, 0.5f);

    @Test
    void decodeInvertsTheTrainingTarget() {
        Box candidate = new Box(100, 50, 160, 110);           // a half box: eyes to nose
        Box face = new Box(95, 40, 165, 140);                 // the whole face, chin included
        float[] t = FaceCheckDecoder.target(candidate, SPEC, face);
        float[] row = {2f, t[0], t[1], t[2], t[3]};
        FaceCheck.Verdict v = FaceCheckDecoder.decode(candidate, SPEC, row, 0);
        assertEquals(face.x1(), v.wholeFace().x1(), 1e-3);
        assertEquals(face.y1(), v.wholeFace().y1(), 1e-3);
        assertEquals(face.x2(), v.wholeFace().x2(), 1e-3);
        assertEquals(face.y2(), v.wholeFace().y2(), 1e-3);
        assertEquals(1 / (1 + Math.exp(-2)), v.faceProbability(), 1e-9);
    }

    @Test
    void targetsAreInUnitsOfTheCropSide() {
        // the crop region of a 60 px box is 120 px square, centred on the box: its own box is +-0.25
        float[] t = FaceCheckDecoder.target(new Box(100, 50, 160, 110), SPEC, new Box(100, 50, 160, 110));
        assertEquals(-0.25f, t[0], 1e-6);
        assertEquals(-0.25f, t[1], 1e-6);
        assertEquals(0.25f, t[2], 1e-6);
        assertEquals(0.25f, t[3], 1e-6);
    }

    @Test
    void rowsAreReadAtTheirOffset() {
        Box candidate = new Box(0, 0, 10, 20);
        float[] rows = {9, 9, 9, 9, 9, -3f, -0.1f, -0.2f, 0.1f, 0.2f};
        FaceCheck.Verdict v = FaceCheckDecoder.decode(candidate, SPEC, rows, FaceCheckDecoder.COLUMNS);
        assertTrue(v.faceProbability() < 0.05);
        // region: 40 px square centred at (5, 10); float outputs
        Box b = v.wholeFace();
        assertEquals(1, b.x1(), 1e-5);
        assertEquals(2, b.y1(), 1e-5);
        assertEquals(9, b.x2(), 1e-5);
        assertEquals(18, b.y2(), 1e-5);
    }

    @Test
    void crossedEdgesKeepTheCandidatesBox() {
        Box candidate = new Box(10, 10, 30, 30);
        FaceCheck.Verdict v = FaceCheckDecoder.decode(candidate, SPEC, new float[] {0, 0.2f, 0, -0.2f, 0.1f}, 0);
        assertEquals(candidate, v.wholeFace());
        assertEquals(0.5, v.faceProbability(), 1e-12);
    }

    @Test
    void verdictsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FaceCheck.Verdict(1.5, new Box(0, 0, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new FaceCheck.Verdict(Double.NaN, new Box(0, 0, 1, 1)));
        assertThrows(NullPointerException.class, () -> new FaceCheck.Verdict(0.5, null));
    }
}
