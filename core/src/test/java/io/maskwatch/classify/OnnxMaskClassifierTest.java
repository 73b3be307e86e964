package io.maskwatch.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.OnnxSessions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX classifier runtime against a tiny real ONNX graph (p = sigmoid(gain * mean(input tensor))):
 * metadata decides the crop, one batch per image, order kept, thread-safe, clear errors for files
 * that are not maskwatch classifiers.
 */
class OnnxMaskClassifierTest {

    static final Path SHARED = SharedFolder.require();
    static final Path PHOTOS = SHARED.resolve("datasets/reference-photos-validation");
    static final CropSpec SPEC = new CropSpec(1.3, false, 24, 0.4f, 0.25f);
    static final float GAIN = 3f;

    @TempDir
    Path tmp;

    /** The metadata of a two-class model of the first release: output p_masked [N,1]. */
    static Map<String, String> legacy(CropSpec spec, double threshold) {
        Map<String, String> m = new LinkedHashMap<>(new ClassifierContract(spec, ClassifierContract.INPUT,
                ClassifierContract.LEGACY_OUTPUT, List.of("masked", "unmasked"), threshold, null).toMetadata());
        // files of the first release had no class list or graph names
        m.remove(ClassifierContract.CLASSES);
        m.remove(ClassifierContract.INPUT_NAME);
        m.remove(ClassifierContract.OUTPUT_NAME);
        return m;
    }

    private Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>(legacy(SPEC, 0.37));
        m.put("maskwatch.seed", "42");
        return m;
    }

    private Path tiny(Map<String, String> metadata) throws IOException {
        return TinyOnnx.write(tmp.resolve("tiny.onnx"), "input", "p_masked", SPEC.size(), GAIN, metadata);
    }

    /** The ground-truth face boxes of one photo of the validation set. */
    static List<Box> boxes(String image) throws IOException {
        List<Box> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(PHOTOS.resolve("annotations.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[5].equals(image)) {
                out.add(Box.ofSize(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
        }
        return out;
    }

    /** What the tiny graph must answer for a face: the same crop rule, computed here in Java. */
    private static float expected(BufferedImage image, Box box) {
        float[] t = FaceCrops.toTensor(List.of(FaceCrops.crop(image, box, SPEC)), SPEC);
        double sum = 0;
        for (float v : t) {
            sum += v;
        }
        return (float) (1 / (1 + Math.exp(-GAIN * sum / t.length)));
    }

    @Test
    void readsCropSpecAndThresholdFromTheModel() throws IOException {
        try (OnnxMaskClassifier c = new OnnxMaskClassifier(tiny(metadata()), 1)) {
            assertEquals(SPEC, c.cropSpec());
            assertEquals(0.37, c.defaultThreshold(), 0);
            assertEquals("42", c.metadata().get("maskwatch.seed"));
        }
    }

    @Test
    void oneBatchPerImageInTheGivenOrderWithTheSharedCropRule() throws IOException {
        BufferedImage photo = ImageLoader.read(PHOTOS.resolve("images/38.jpg"));
        List<Box> faces = boxes("38.jpg");
        assertTrue(faces.size() >= 3, "photo 38 has several faces: " + faces.size());
        try (OnnxMaskClassifier c = new OnnxMaskClassifier(tiny(metadata()), 1)) {
            float[] p = c.maskProbabilities(photo, faces);
            assertEquals(faces.size(), p.length);
            for (int i = 0; i < faces.size(); i++) {
                assertEquals(expected(photo, faces.get(i)), p[i], 1e-5, "face " + i);
            }
            // Reversed order gives reversed answers; one face alone gives the same as in the batch.
            List<Box> reversed = new ArrayList<>(faces);
            java.util.Collections.reverse(reversed);
            float[] r = c.maskProbabilities(photo, reversed);
            for (int i = 0; i < p.length; i++) {
                assertEquals(p[i], r[p.length - 1 - i], 1e-6);
            }
            assertEquals(p[1], c.maskProbabilities(photo, List.of(faces.get(1)))[0], 1e-6);
            assertEquals(0, c.maskProbabilities(photo, List.of()).length);
            // Different faces really get different answers (the crop matters).
            assertTrue(Math.abs(p[0] - p[1]) > 1e-4 || Math.abs(p[1] - p[2]) > 1e-4, java.util.Arrays.toString(p));
        }
    }

    @Test
    void moreFacesThanOneBatchHolds() throws IOException {
        BufferedImage photo = ImageLoader.read(PHOTOS.resolve("images/38.jpg"));
        List<Box> many = new ArrayList<>();
        for (int i = 0; i < CropBatches.MAX_BATCH + 7; i++) {
            many.add(Box.ofSize(i % 300, (i * 7) % 200, 20 + i % 40, 25 + i % 30));
        }
        try (OnnxMaskClassifier c = new OnnxMaskClassifier(tiny(metadata()), 1)) {
            float[] p = c.maskProbabilities(photo, many);
            assertEquals(many.size(), p.length);
            for (int i : new int[] {0, CropBatches.MAX_BATCH - 1, CropBatches.MAX_BATCH, many.size() - 1}) {
                assertEquals(expected(photo, many.get(i)), p[i], 1e-5, "face " + i);
            }
        }
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        List<String> names = List.of("0.jpg", "242.jpg", "38.jpg", "258.jpg");
        Map<String, BufferedImage> photos = new HashMap<>();
        Map<String, float[]> alone = new HashMap<>();
        try (OnnxMaskClassifier c = new OnnxMaskClassifier(tiny(metadata()), 1)) {
            for (String n : names) {
                photos.put(n, ImageLoader.read(PHOTOS.resolve("images").resolve(n)));
                alone.put(n, c.maskProbabilities(photos.get(n), boxes(n)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> jobs = new ArrayList<>();
                for (int k = 0; k < 40; k++) {
                    String n = names.get(k % names.size());
                    List<Box> b = boxes(n);
                    jobs.add(pool.submit(() -> {
                        assertArrayEquals(alone.get(n), c.maskProbabilities(photos.get(n), b));
                        return true;
                    }));
                }
                for (Future<Boolean> f : jobs) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aModelThatFailsToLoadReportsItsOwnReasonEvenWhenItsSessionCannotClose() throws Exception {
        ai.onnxruntime.OrtSession open = OnnxSessions.open(tiny(metadata()), 1);
        RuntimeException reason = new RuntimeException("not a classifier");
        assertSame(reason, OnnxSessions.closeAfter(open, reason));
        assertEquals(0, reason.getSuppressed().length);
        RuntimeException again = new RuntimeException("not a classifier");
        assertSame(again, OnnxSessions.closeAfter(open, again));          // already closed: ONNX Runtime refuses
        assertEquals(1, again.getSuppressed().length, "the refusal to close rides along, the reason stays first");
    }

    @Test
    void metadataRoundTrips() {
        CropSpec s = new CropSpec(1.15, true, 64, 0.5f, 0.5f);
        assertEquals(s, ClassifierContract.cropSpec(Path.of("m.onnx"), legacy(s, 0.5)));
        Map<String, String> perChannel = new HashMap<>(legacy(s, 0.5));
        perChannel.put(ClassifierContract.MEAN, "[0.5, 0.5, 0.5]");
        assertEquals(s, ClassifierContract.cropSpec(Path.of("m.onnx"), perChannel));
    }

    @Test
    void missingMetadataIsNamed() throws IOException {
        Map<String, String> m = metadata();
        m.remove(ClassifierContract.SIZE);
        Path f = tiny(m);
        ModelException e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(f, 1));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("lack 'maskwatch.crop.size'"), e.getMessage());
    }

    @Test
    void badMetadataValuesAreNamed() throws IOException {
        Map<String, String> m = metadata();
        m.put(ClassifierContract.THRESHOLD, "1.5");
        ModelException e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(tiny(m), 1));
        assertTrue(e.getMessage().contains("maskwatch.threshold must be in [0, 1]"), e.getMessage());

        m.put(ClassifierContract.THRESHOLD, "0.5");
        m.put(ClassifierContract.SQUARE, "maybe");
        e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(tiny(m), 1));
        assertTrue(e.getMessage().contains("maskwatch.crop.square must be true or false"), e.getMessage());

        m.put(ClassifierContract.SQUARE, "true");
        m.put(ClassifierContract.EXPAND, "wide");
        e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(tiny(m), 1));
        assertTrue(e.getMessage().contains("'wide' is not a number"), e.getMessage());
    }

    @Test
    void graphThatDoesNotMatchTheContractIsRefused() throws IOException {
        Path wrongInput = TinyOnnx.write(tmp.resolve("a.onnx"), "data", "p_masked", SPEC.size(), GAIN, metadata());
        ModelException e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(wrongInput, 1));
        assertTrue(e.getMessage().contains("expected one input named 'input'") && e.getMessage().contains("data"),
                e.getMessage());

        Path wrongOutput = TinyOnnx.write(tmp.resolve("b.onnx"), "input", "prob", SPEC.size(), GAIN, metadata());
        e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(wrongOutput, 1));
        assertTrue(e.getMessage().contains("expected an output named 'p_masked'"), e.getMessage());

        Path wrongSize = TinyOnnx.write(tmp.resolve("c.onnx"), "input", "p_masked", 32, GAIN, metadata());
        e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(wrongSize, 1));
        assertTrue(e.getMessage().contains("maskwatch.crop.size says 24"), e.getMessage());

        // A graph with symbolic spatial size takes the metadata's size.
        Path dynamic = TinyOnnx.write(tmp.resolve("d.onnx"), "input", "p_masked", -1, GAIN, metadata());
        try (OnnxMaskClassifier c = new OnnxMaskClassifier(dynamic, 1)) {
            assertEquals(24, c.cropSpec().size());
        }
    }

    @Test
    void notAModelAtAll() throws IOException {
        Path junk = Files.write(tmp.resolve("junk.onnx"), "this is not a model".getBytes());
        ModelException e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(junk, 1));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        Path none = tmp.resolve("none.onnx");
        e = assertThrows(ModelException.class, () -> new OnnxMaskClassifier(none, 1));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
