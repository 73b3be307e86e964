package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure tensor-to-faces decoders, without a model: hand-computed cells, and real outputs of both models on
 * one reference photo from ../shared, written by {@link TensorDump} before the tests.
 */
class DecoderTest {

    /** The models' real outputs on a reference photo from ../shared, stored and read back before decoding. */
    @TempDir
    static Path dumped;

    @BeforeAll
    static void dumpRealOutputs() throws Exception {
        TensorDump.dump(dumped);
    }

    /** The hand annotation of reference-photos-validation/8.jpg (500x395): one masked face, x, y, w, h. */
    private static final Box ANNOTATED = Box.ofSize(66, 28, 264, 315);

    @Test
    void yunetCellDecodesAsOpenCvDoes() {
        // a 64x32 input: stride 8 has 8x4 cells, 16 has 4x2, 32 has 2x1; one face at stride 16, row 1, col 2
        Map<String, FloatBuffer> out = emptyYuNet(64, 32);
        int i = 1 * 4 + 2;
        out.get("cls_16").put(i, 0.81f);
        out.get("obj_16").put(i, 1.5f);                 // clamped to 1: score sqrt(0.81 * 1) = 0.9
        out.get("bbox_16").put(4 * i, 0.5f).put(4 * i + 1, -0.25f).put(4 * i + 2, (float) Math.log(2))
                .put(4 * i + 3, 0f);
        for (int p = 0; p < 5; p++) {
            out.get("kps_16").put(10 * i + 2 * p, 0.1f * p).put(10 * i + 2 * p + 1, 0.5f);
        }
        List<Face> faces = YuNetDecoder.decode(out, 64, 32, 0.5);
        assertEquals(1, faces.size());
        Face f = faces.get(0);
        assertEquals(0.9, f.score(), 1e-6);
        // centre ((2 + 0.5) * 16, (1 - 0.25) * 16) = (40, 12); size (2 * 16, 16)
        assertBox(new Box(24, 4, 56, 20), f.box());
        assertEquals(32, f.landmarks().get(0).x(), 1e-4);
        assertEquals(24, f.landmarks().get(0).y(), 1e-4);
        assertEquals(32 + 0.4 * 16, f.landmarks().get(4).x(), 1e-4);
        assertTrue(YuNetDecoder.decode(out, 64, 32, 0.95).isEmpty(), "a face below the minimum score is skipped");
    }

    @Test
    void yunetOutputOfTheWrongSizeIsNamed() {
        Map<String, FloatBuffer> out = emptyYuNet(64, 32);
        out.put("bbox_8", FloatBuffer.allocate(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YuNetDecoder.decode(out, 64, 32, 0.5));
        assertTrue(e.getMessage().contains("bbox_8") && e.getMessage().contains("expected 128"), e.getMessage());
        out.put("bbox_8", FloatBuffer.allocate(128));
        out.remove("kps_32");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> YuNetDecoder.decode(out, 64, 32, 0.5))
                .getMessage().contains("kps_32"));
    }

    @Test
    void retinaFacePriorDecodesAsTheReferenceCodeDoes() {
        RetinaFaceDecoder d = new RetinaFaceDecoder(32);
        // 32 px: 4x4 cells at step 8, 2x2 at 16, 1 at 32, two priors each = 42
        assertEquals(42, d.priorCount());
        int n = d.priorCount();
        FloatBuffer loc = FloatBuffer.allocate(4 * n);
        FloatBuffer conf = FloatBuffer.allocate(2 * n);
        FloatBuffer lms = FloatBuffer.allocate(10 * n);
        // prior 3: step 8, cell (row 0, col 1), min size 32, centre (12, 4)
        conf.put(2 * 3 + 1, 0.75f);
        loc.put(4 * 3, 1f).put(4 * 3 + 1, -1f).put(4 * 3 + 2, (float) (Math.log(1.5) / 0.2)).put(4 * 3 + 3, 0f);
        lms.put(10 * 3, 2f).put(10 * 3 + 1, 0f);
        List<Face> faces = d.decode(loc, conf, lms, 0.5);
        assertEquals(1, faces.size());
        assertEquals(0.75, faces.get(0).score(), 1e-6);
        // centre (12 + 1 * 0.1 * 32, 4 - 0.1 * 32) = (15.2, 0.8); size (32 * 1.5, 32)
        assertBox(new Box(15.2 - 24, 0.8 - 16, 15.2 + 24, 0.8 + 16), faces.get(0).box());
        assertEquals(12 + 2 * 0.1 * 32, faces.get(0).landmarks().get(0).x(), 1e-4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.decode(loc, FloatBuffer.allocate(10), lms, 0.5));
        assertTrue(e.getMessage().contains("conf") && e.getMessage().contains("expected 84"), e.getMessage());
    }

    @Test
    void storedYuNetOutputGivesTheAnnotatedFace() throws Exception {
        StoredTensors.Stored s = StoredTensors.read(dumped.resolve("yunet-8.tensors"));
        List<Face> faces = Nms.suppress(YuNetDecoder.decode(s.outputs(), s.inputWidth(), s.inputHeight(), 0.6), 0.4);
        assertOneFaceOnTheAnnotation(faces, TensorDump.YUNET_SCALE, s.source());
    }

    @Test
    void storedRetinaFaceOutputGivesTheAnnotatedFace() throws Exception {
        StoredTensors.Stored s = StoredTensors.read(dumped.resolve("retinaface-8.tensors"));
        RetinaFaceDecoder d = new RetinaFaceDecoder(s.inputWidth());
        List<Face> faces = Nms.suppress(d.decode(s.outputs().get("loc"), s.outputs().get("conf"),
                s.outputs().get("landmarks"), 0.6), 0.4);
        assertOneFaceOnTheAnnotation(faces, s.inputWidth() / 500.0, s.source());
    }

    private static void assertOneFaceOnTheAnnotation(List<Face> faces, double scale, String source) {
        assertEquals(1, faces.size(), source + ": " + faces);
        Face f = faces.get(0).transform(1 / scale, 0, 0);
        assertTrue(f.box().iou(ANNOTATED) > 0.5, source + ": " + f.box() + " vs " + ANNOTATED);
        // eyes above the nose, nose above the mouth corners, all inside the box
        List<Point> p = f.landmarks();
        assertTrue(p.get(0).y() < p.get(2).y() && p.get(2).y() < p.get(3).y() && p.get(0).x() < p.get(1).x(),
                source + ": landmarks out of face order " + p);
        for (Point q : p) {
            assertTrue(q.x() >= f.box().x1() && q.x() <= f.box().x2() && q.y() >= f.box().y1()
                    && q.y() <= f.box().y2(), source + ": landmark outside the box " + q);
        }
    }

    private static Map<String, FloatBuffer> emptyYuNet(int w, int h) {
        Map<String, FloatBuffer> out = new HashMap<>();
        int[] per = {1, 1, 4, 10};
        for (int s : YuNetDecoder.STRIDES) {
            for (int k = 0; k < 4; k++) {
                out.put(YuNetDecoder.HEADS[k] + s, FloatBuffer.allocate((w / s) * (h / s) * per[k]));
            }
        }
        return out;
    }

    private static void assertBox(Box expected, Box actual) {
        assertEquals(expected.x1(), actual.x1(), 1e-4, "x1 " + actual);
        assertEquals(expected.y1(), actual.y1(), 1e-4, "y1 " + actual);
        assertEquals(expected.x2(), actual.x2(), 1e-4, "x2 " + actual);
        assertEquals(expected.y2(), actual.y2(), 1e-4, "y2 " + actual);
    }
}
