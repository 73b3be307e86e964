package io.maskwatch.training;

import io.maskwatch.classify.CropSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one training run, validated up front.
 *
 * @param seed         seeds the split-independent parts: initial weights, shuffling, augmentation
 * @param epochs       passes over the training data
 * @param batchSize    faces per step
 * @param learningRate peak Adam learning rate (cosine decay to 2% after a short warm-up)
 * @param weightDecay  L2 weight decay
 * @param threads      libtorch intra-op threads
 * @param spec         the crop rule the model is trained for (written to the ONNX metadata)
 * @param augment      augmentation strengths
 * @param checkpoints  folder for per-epoch checkpoints
 * @param minPerClass  a run stops with an error when a class has fewer training faces than this
 */
public record TrainConfig(long seed, int epochs, int batchSize, float learningRate, float weightDecay, int threads,
                          CropSpec spec, Augmenter.Settings augment, Path checkpoints, int minPerClass) {

    public TrainConfig {
        if (epochs < 1 || epochs > 1000) throw new IllegalArgumentException("epochs must be in [1, 1000]: " + epochs);
        if (batchSize < 2 || batchSize > 4096) throw new IllegalArgumentException("batch size must be in [2, 4096]: " + batchSize);
        if (!(learningRate > 0 && learningRate < 1)) throw new IllegalArgumentException("learning rate must be in (0, 1): " + learningRate);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0: " + weightDecay);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(checkpoints, "checkpoints");
        if (minPerClass < 1) throw new IllegalArgumentException("minPerClass must be >= 1: " + minPerClass);
    }

    public static TrainConfig defaults(Path checkpoints) {
        return new TrainConfig(42, 15, 64, 2e-3f, 5e-5f, Math.max(1, Runtime.getRuntime().availableProcessors()),
                CropSpec.DEFAULT, Augmenter.Settings.DEFAULT, checkpoints, 20);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(s, epochs, batchSize, learningRate, weightDecay, threads, spec, augment, checkpoints, minPerClass);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(seed, e, batchSize, learningRate, weightDecay, threads, spec, augment, checkpoints, minPerClass);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(seed, epochs, batchSize, learningRate, weightDecay, t, spec, augment, checkpoints, minPerClass);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(seed, epochs, b, learningRate, weightDecay, threads, spec, augment, checkpoints, minPerClass);
    }

    public TrainConfig withMinPerClass(int m) {
        return new TrainConfig(seed, epochs, batchSize, learningRate, weightDecay, threads, spec, augment, checkpoints, m);
    }
}
