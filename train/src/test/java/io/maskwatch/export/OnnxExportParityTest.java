package io.maskwatch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.classify.CropSpec;
import io.maskwatch.training.FaceSample;
import io.maskwatch.training.MaskTrainer;
import io.maskwatch.training.RealCrops;
import io.maskwatch.training.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported ONNX graph gives DJL's probabilities (BatchNorm folded, depthwise groups, sigmoid). */
class OnnxExportParityTest {

    @TempDir
    Path tmp;

    @Test
    void onnxRuntimeMatchesDjlOnRealCrops() throws Exception {
        Path shared = SharedFolder.require();
        List<FaceSample> faces = RealCrops.load(List.of(shared.resolve("datasets/real-face-crops")), 80, null).samples();
        TrainConfig cfg = TrainConfig.defaults(tmp.resolve("ckpt")).withEpochs(3).withThreads(2).withSeed(3).withBatchSize(16);
        Path onnx = tmp.resolve("m.onnx");
        float[] djl;
        float[] tensor;
        try (MaskTrainer t = new MaskTrainer(cfg)) {
            // a short real training run so BatchNorm statistics and weights are far from their initial values
            t.train(faces, List.of(), null, new PrintStream(OutputStream.nullOutputStream()));
            tensor = t.tensorOf(faces);
            djl = t.predict(tensor, faces.size());
            OnnxExporter.export(t.block(), cfg.spec().size(), Map.of("maskwatch.threshold", "0.5", "maskwatch.crop.size", "64"), onnx);
        }
        assertTrue(Files.size(onnx) < 4_000_000, "small model: " + Files.size(onnx));
        float[] ort;
        try (OnnxScorer s = new OnnxScorer(onnx, CropSpec.DEFAULT.size(), 1)) {
            ort = s.score(tensor, faces.size());
            assertEquals("0.5", s.metadata().get("maskwatch.threshold"));
        }
        double maxDiff = 0;
        float min = 1;
        float max = 0;
        for (int i = 0; i < djl.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(djl[i] - ort[i]));
            min = Math.min(min, djl[i]);
            max = Math.max(max, djl[i]);
        }
        System.out.printf("parity: %d real crops, P(masked) %.3f..%.3f, max |DJL - ORT| = %.2e%n", djl.length, min, max, maxDiff);
        assertTrue(max - min > 0.1, "probabilities should vary over real crops: " + min + ".." + max);
        assertTrue(maxDiff <= 1e-4, "max |DJL - ONNX Runtime| = " + maxDiff);
    }
}
