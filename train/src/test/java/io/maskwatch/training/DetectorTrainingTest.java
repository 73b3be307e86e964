package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.YuNetDecoder;
import io.maskwatch.detect.YuNetModel;
import io.maskwatch.export.OnnxExporter;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.SharedFolder;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector's adaptation on real parts: YuNet's graph run by DJL gives ONNX Runtime's outputs, the assignment
 * teaches the cells at an annotated face, a short training on real Kaggle photos raises the score where a masked face
 * is annotated, and the written file is read by the product's {@link YuNetModel}.
 */
class DetectorTrainingTest {

    @TempDir
    Path tmp;

    static Path yunet() {
        Path shared = SharedFolder.require();
        return new ModelStore(TrainCommand.detectorModels(shared).withOffline(true)).resolve(YuNetModel.MODEL_ID);
    }

    @Test
    void theGraphRunByDjlGivesOnnxRuntimesOutputs() throws Exception {
        Path file = yunet();
        YuNetGraph graph = YuNetGraph.read(file);
        BufferedImage photo = ImageLoader.toBgr(ImageLoader.read(SharedFolder.require()
                .resolve("datasets/reference-photos-validation/images/3.jpg")));
        int w = 320, h = 480;
        float[] input = YuNetModel.input(photo, 480.0 / photo.getHeight(), 0, 0, w, h);
        MaskTrainer.configureTorch(1);
        try (NDManager m = NDManager.newBaseManager("PyTorch"); OrtEnvironment env = OrtEnvironment.getEnvironment();
             OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
             OrtSession.Result res = session.run(Map.of(session.getInputNames().iterator().next(), in))) {
            NDArray[][] mine = graph.forward(m.create(input, new Shape(1, 3, h, w)), graph.weights(m));
            int[] strides = YuNetDecoder.strides();
            for (int l = 0; l < strides.length; l++) {
                for (int k = 0; k < YuNetGraph.HEADS.size(); k++) {
                    FloatBuffer fb = ((OnnxTensor) res.get(YuNetGraph.HEADS.get(k) + strides[l]).orElseThrow()).getFloatBuffer();
                    float[] ort = new float[fb.remaining()];
                    fb.get(ort);
                    NDArray a = k <= YuNetGraph.OBJ ? Activation.sigmoid(mine[l][k]) : mine[l][k];
                    float[] djl = a.transpose(0, 2, 3, 1).toFloatArray();
                    assertEquals(ort.length, djl.length);
                    double max = 0;
                    for (int i = 0; i < ort.length; i++) max = Math.max(max, Math.abs(ort[i] - djl[i]));
                    assertTrue(max < 1e-4, YuNetGraph.HEADS.get(k) + strides[l] + ": max difference " + max);
                }
            }
        }
    }

    @Test
    void aFileThatIsNotYuNetIsRefusedByName() throws Exception {
        Path fc = Path.of("../models/face-check.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YuNetGraph.read(fc));
        assertTrue(e.getMessage().contains("face-check.onnx"), e.getMessage());
    }

    @Test
    void theCellsInsideAFaceLearnItsBoxAndOthersNothing() {
        // a 128 x 128 sample with one 40 px face whose teacher answers nothing anywhere (a face it misses)
        Box face = new Box(40, 44, 80, 92);
        DetectorSamples.Sample s = new DetectorSamples.Sample(new float[3 * 128 * 128], 128, 128,
                List.of(new DetectorSamples.SampleFace(face, true), new DetectorSamples.SampleFace(new Box(100, 0, 120, 20), false)));
        int[] strides = YuNetDecoder.strides();
        float[][][] teacher = new float[3][3][];
        for (int l = 0; l < 3; l++) {
            int cells = (128 / strides[l]) * (128 / strides[l]);
            teacher[l][0] = filled(cells, -8);
            teacher[l][1] = filled(cells, -8);
            teacher[l][2] = new float[4 * cells];
        }
        List<CellTargets.Level> levels = CellTargets.assign(s, teacher);
        int taught = 0;
        for (int l = 0; l < 3; l++) {
            CellTargets.Level lv = levels.get(l);
            for (int i = 0; i < lv.positive().length; i++) {
                if (lv.positive()[i] == 0) continue;
                taught++;
                int c = i % lv.cols(), r = i / lv.cols(), st = strides[l];
                assertTrue(face.x1() <= (c + 0.5) * st && (c + 0.5) * st <= face.x2(), "cell outside the face");
                Box learnt = CellTargets.decode(lv.box(), i, c, r, st);
                assertEquals(1.0, learnt.iou(face), 1e-4, "a face the teacher misses learns the annotation");
                assertTrue((c + 0.5) * st < 100, "the face not taught claims no cell");
            }
        }
        assertTrue(taught >= 1, "no cell taught");
    }

    @Test
    void samplesPutTheFacesWhereThePixelsAre() {
        BufferedImage photo = new BufferedImage(400, 300, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = photo.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(100, 80, 60, 60);
        g.dispose();
        GroundTruthFace f = new GroundTruthFace(new Box(100, 80, 160, 140), "with_mask", FaceClass.MASKED);
        Random r = new Random(3);
        for (int k = 0; k < 20; k++) {
            DetectorSamples.Sample s = DetectorSamples.cut(photo, List.of(f), r, DetectorTrainConfig.DEFAULT);
            assertEquals(0, s.width() % 32);
            assertEquals(0, s.height() % 32);
            for (DetectorSamples.SampleFace sf : s.faces()) {
                Box b = sf.box();
                int cx = (int) b.centerX(), cy = (int) b.centerY();
                if (cx < 0 || cy < 0 || cx >= s.width() || cy >= s.height()) continue;
                assertEquals(255f, s.pixels()[cy * s.width() + cx], 1f, "the face's centre is white in the sample");
            }
        }
    }

    @Test
    void configIsValidatedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> DetectorTrainConfig.DEFAULT.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> new DetectorTrainConfig(10, 100, 200, 1100, 0.3, 3e-4f, 4, 2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DetectorTrainConfig(10, 384, 900, 300, 0.3, 3e-4f, 4, 2, 1, 1));
    }

    @Test
    void aShortTrainingRaisesTheScoreOfAnAnnotatedMaskedFaceAndWritesAFileTheDetectorReads() throws Exception {
        Path file = yunet();
        YuNetGraph graph = YuNetGraph.read(file);
        Path shared = SharedFolder.require();
        List<AnnotatedImage> photos = new ArrayList<>();
        List<BufferedImage> images = DetectorTrainer.read(DatasetReaders.read(shared.resolve("datasets/kaggle-face-mask-voc"),
                DatasetOptions.DEFAULT).images().stream().filter(p -> !TrainingRun.kaggleHeldOut(p))
                .filter(p -> p.faces().stream().anyMatch(x -> x.cls() == FaceClass.MASKED && x.box().size() >= 30))
                .limit(6).toList(), photos, System.err);
        DetectorTrainConfig config = DetectorTrainConfig.DEFAULT.withSteps(60);
        List<DetectorTrainer.Progress> history = new ArrayList<>();
        Path out = tmp.resolve("yunet-masked.onnx");
        double before, after;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> trained = new DetectorTrainer(graph, config, 2).train(photos, images, m, 20, System.err, history);
            before = bestTaughtScore(graph, graph.weights(m), photos, images, m);
            after = bestTaughtScore(graph, trained, photos, images, m);
            OnnxExporter.write(graph.withWeights(trained, Map.of("maskwatch.model", "test")), out);
        }
        assertEquals(3, history.size());
        assertTrue(after > before + 0.05, "mean best score on the taught masked faces: " + before + " -> " + after);
        assertTrue(Files.exists(out) && Files.exists(Path.of(out + ".sha256")));
        try (YuNetModel model = new YuNetModel(out, 1)) {
            assertEquals(YuNetModel.NAME, model.name());
        }
        assertEquals(graph.parameterCount(), YuNetGraph.read(out).parameterCount());
    }

    /** Mean over the photos' masked faces (>= 30 px) of the best cell score inside each, at the photo's own size. */
    private static double bestTaughtScore(YuNetGraph graph, Map<String, NDArray> w, List<AnnotatedImage> photos,
                                          List<BufferedImage> images, NDManager m) {
        double sum = 0;
        int n = 0;
        int[] strides = YuNetDecoder.strides();
        for (int p = 0; p < photos.size(); p++) {
            BufferedImage img = images.get(p);
            int pw = (img.getWidth() + 31) / 32 * 32, ph = (img.getHeight() + 31) / 32 * 32;
            try (NDManager sub = m.newSubManager()) {
                NDArray[][] y = graph.forward(sub.create(YuNetModel.input(img, 1, 0, 0, pw, ph), new Shape(1, 3, ph, pw)), w);
                for (GroundTruthFace g : photos.get(p).faces()) {
                    if (g.cls() != FaceClass.MASKED || g.box().size() < 30) continue;
                    double best = 0;
                    for (int l = 0; l < strides.length; l++) {
                        float[] cls = Activation.sigmoid(y[l][YuNetGraph.CLS]).toFloatArray();
                        float[] obj = Activation.sigmoid(y[l][YuNetGraph.OBJ]).toFloatArray();
                        int cols = pw / strides[l];
                        for (int i = 0; i < cls.length; i++) {
                            double cx = (i % cols + 0.5) * strides[l], cy = (i / cols + 0.5) * strides[l];
                            if (cx < g.box().x1() || cx > g.box().x2() || cy < g.box().y1() || cy > g.box().y2()) continue;
                            best = Math.max(best, Math.sqrt(cls[i] * obj[i]));
                        }
                    }
                    sum += best;
                    n++;
                }
            }
        }
        return sum / Math.max(1, n);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
