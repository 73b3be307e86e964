package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.classify.ClassifierContract;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.FaceCheckDecoder;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.detect.OnnxFaceCheck;
import io.maskwatch.export.OnnxExporter;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.SharedFolder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The face check's training end to end on real photos: crops cut from Kaggle training photos with the real detector
 * (deterministic for a seed), a short training, the ONNX export, and the file run by the pipeline's
 * {@link OnnxFaceCheck} giving DJL's answers.
 */
class FaceCheckTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void cutsAreDeterministicAndTheExportGivesDjlsAnswers() throws Exception {
        Path shared = SharedFolder.require();
        List<AnnotatedImage> photos = DatasetReaders.read(shared.resolve("datasets/kaggle-face-mask-voc"), DatasetOptions.DEFAULT)
                .images().stream().filter(p -> !TrainingRun.kaggleHeldOut(p))
                .limit(12).toList();
        ModelStore store = new ModelStore(TrainCommand.detectorModels(shared).withOffline(true));
        FaceCheckSamples.Cut a, b;
        try (FaceDetector det = Detectors.create(Detectors.DEFAULT, DetectorConfig.DEFAULT.withConfidence(0.3), store::resolve, 1)) {
            a = FaceCheckSamples.fromAnnotated(photos, det, FaceCheckCommand.SPEC, 5, null);
            b = FaceCheckSamples.fromAnnotated(photos, det, FaceCheckCommand.SPEC, 5, null);
        }
        assertEquals(a.counts(), b.counts());
        assertEquals(a.samples().size(), b.samples().size());
        for (int i = 0; i < a.samples().size(); i++) {
            assertEquals(a.samples().get(i).face(), b.samples().get(i).face());
            if (a.samples().get(i).face()) assertArrayEquals(a.samples().get(i).target(), b.samples().get(i).target());
        }
        long faces = a.samples().stream().filter(FaceCheckSamples.Sample::face).count();
        assertTrue(faces > 64 && a.samples().size() - faces > 64, a.counts().toString());
        // a face the detector boxed well keeps its own box as the target; an upper part learns to reach the chin
        assertTrue(a.counts().getOrDefault("detector face", 0) > 0, a.counts().toString());
        assertTrue(a.counts().getOrDefault("upper part of a face", 0) > 0, a.counts().toString());

        Path onnx = tmp.resolve("fc.onnx");
        List<BufferedImage> crops = a.samples().stream().limit(200).map(FaceCheckSamples.Sample::crop).toList();
        float[] djl;
        try (FaceCheckTrainer t = new FaceCheckTrainer(FaceCheckCommand.SPEC, 5, 2)) {
            List<FaceCheckTrainer.Epoch> h = t.train(a.samples(), 2, 32, 2e-3f, null);
            assertEquals(2, h.size());
            assertTrue(h.get(1).faceLoss() < h.get(0).faceLoss() + 0.05, "face loss " + h);
            djl = t.predict(crops);
            Map<String, String> meta = ClassifierContract.cropMetadata(FaceCheckCommand.SPEC);
            OnnxExporter.write(OnnxExporter.toProto(t.block(), FaceCheckDecoder.COLUMNS, FaceCheckCommand.SPEC.size(),
                    OnnxFaceCheck.INPUT, OnnxFaceCheck.OUTPUT, false, "test", "test", meta), onnx);
        }
        // the file, run by the pipeline's class, gives DJL's outputs
        float[] ort;
        try (OnnxFaceCheck check = new OnnxFaceCheck(onnx, 1)) {
            assertEquals(FaceCheckCommand.SPEC, check.cropSpec());
            ort = check.outputs(crops);
        }
        double maxDiff = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (int i = 0; i < djl.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(djl[i] - ort[i]));
            if (i % FaceCheckDecoder.COLUMNS == 0) {
                min = Math.min(min, djl[i]);
                max = Math.max(max, djl[i]);
            }
        }
        assertTrue(max - min > 0.1, "face logits should vary over real crops: " + min + ".." + max);
        assertTrue(maxDiff <= 1e-3, "max |DJL - ONNX Runtime| = " + maxDiff);
    }
}
