package io.maskwatch.training;

import io.maskwatch.model.SharedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/** Small slices of the shared real crops for tests, loaded once per JVM. */
final class TestData {

    private static RealCrops.Loaded slice;

    private TestData() {
    }

    static Path shared() {
        return SharedFolder.require();
    }

    static List<Path> realRoots() {
        List<Path> roots = List.of(shared().resolve("datasets/real-face-crops"), shared().resolve("datasets/real-face-crops-12k"));
        for (Path p : roots) {
            if (!Files.isDirectory(p)) throw new IllegalStateException("shared data missing: " + p);
        }
        return roots;
    }

    /** 120 files per class and source (480 faces), grouped as in a full run. */
    static synchronized RealCrops.Loaded slice() throws IOException {
        if (slice == null) slice = RealCrops.load(realRoots(), 120, null);
        return slice;
    }

    static List<FaceSample> train() throws IOException {
        List<FaceSample> out = new ArrayList<>();
        for (FaceSample s : slice().samples()) if (!Splits.heldOut(TrainingRun.SPLIT_SEED, s.group(), 0.25)) out.add(s);
        return out;
    }

    static List<FaceSample> heldOut() throws IOException {
        List<FaceSample> out = new ArrayList<>();
        for (FaceSample s : slice().samples()) if (Splits.heldOut(TrainingRun.SPLIT_SEED, s.group(), 0.25)) out.add(s);
        Assertions.assertTrue(out.size() > 20, "only " + out.size() + " held-out faces in the slice");
        return out;
    }

    static TrainConfig config(Path checkpoints, int epochs) {
        return TrainConfig.defaults(checkpoints).withEpochs(epochs).withThreads(2).withSeed(7).withBatchSize(32);
    }
}
