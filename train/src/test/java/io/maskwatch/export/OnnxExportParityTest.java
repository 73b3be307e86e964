package io.maskwatch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.classify.ClassifierContract;
import io.maskwatch.model.SharedFolder;
import io.maskwatch.classify.MaskState;
import io.maskwatch.classify.OnnxMaskClassifier;
import io.maskwatch.pipeline.Label;
import io.maskwatch.training.FaceSample;
import io.maskwatch.training.MaskNet;
import io.maskwatch.training.MaskTrainer;
import io.maskwatch.training.RealCrops;
import io.maskwatch.training.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier contract end to end: train a tiny model, export it, load the file with the
 * classifier the server uses ({@link OnnxMaskClassifier}) and get DJL's probabilities, with the
 * contract (crop, names, classes, threshold, provenance) read back from the file.
 */
class OnnxExportParityTest {

    @TempDir
    Path tmp;

    @Test
    void theServersClassifierGivesDjlsProbabilitiesAndReadsTheContract() throws Exception {
        Path shared = SharedFolder.require();
        List<FaceSample> real = RealCrops.load(List.of(shared.resolve("datasets/real-face-crops")), 60, null).samples();
        // a third class, so all three outputs are trained: the unmasked crops flipped upside down stand in for it
        List<FaceSample> faces = new ArrayList<>(real);
        for (FaceSample s : real.subList(0, 40)) {
            faces.add(new FaceSample(flip(s.patch()), s.face(), Label.INCORRECT, s.source(), s.group(), s.name() + "#flip",
                    s.originalSize()));
        }
        TrainConfig cfg = TrainConfig.defaults(tmp.resolve("ckpt")).withEpochs(3).withThreads(2).withSeed(3).withBatchSize(16);
        Path onnx = tmp.resolve("m.onnx");
        float[] djl;
        ClassifierContract contract = ClassifierContract.threeClass(cfg.spec(), 0.4321,
                new ClassifierContract.Provenance(3, 3, 2, 20260, "real crops slice", "abc123", "2026-01-01T00:00:00Z"));
        List<java.awt.image.BufferedImage> crops;
        try (MaskTrainer t = new MaskTrainer(cfg)) {
            // a short real training run so BatchNorm statistics and weights are far from their initial values
            t.train(faces, List.of(), null, new PrintStream(OutputStream.nullOutputStream()));
            crops = faces.stream().map(t.augmenter()::plain).toList();
            djl = t.predictClasses(t.tensorOf(faces), faces.size());
            OnnxExporter.export(t.block(), contract, onnx);
        }
        assertTrue(Files.size(onnx) < 2_000_000, "small model: " + Files.size(onnx));
        List<MaskState> ort;
        try (OnnxMaskClassifier c = new OnnxMaskClassifier(onnx, 1)) {
            assertEquals(contract, c.contract());
            assertEquals(0.4321, c.defaultThreshold(), 0);
            ort = c.classifyCrops(crops);
        }
        double maxDiff = 0;
        float min = 1;
        float max = 0;
        int k = MaskNet.CLASSES;
        for (int i = 0; i < faces.size(); i++) {
            MaskState s = ort.get(i);
            float[] o = {s.masked(), s.incorrect(), s.unmasked()};
            assertEquals(1.0, o[0] + o[1] + o[2], 1e-5);
            for (int j = 0; j < k; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(djl[i * k + j] - o[j]));
                min = Math.min(min, djl[i * k + j]);
                max = Math.max(max, djl[i * k + j]);
            }
        }
        System.out.printf("parity: %d real crops, probabilities %.3f..%.3f, max |DJL - ORT| = %.2e%n", faces.size(), min, max, maxDiff);
        assertTrue(max - min > 0.1, "probabilities should vary over real crops: " + min + ".." + max);
        assertTrue(maxDiff <= 1e-4, "max |DJL - ONNX Runtime| = " + maxDiff);
    }

    private static java.awt.image.BufferedImage flip(java.awt.image.BufferedImage src) {
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(src.getWidth(), src.getHeight(), src.getType());
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                out.setRGB(x, src.getHeight() - 1 - y, src.getRGB(x, y));
            }
        }
        return out;
    }
}
