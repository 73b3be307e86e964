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
 * @param balance      how the loss weights faces so that neither class (nor a source's majority class) dominates
 */
public record TrainConfig(long seed, int epochs, int batchSize, float learningRate, float weightDecay, int threads,
                          CropSpec spec, Augmenter.Settings augment, Path checkpoints, int minPerClass,
                          Balance balance) {

    /** Loss weighting. */
    public enum Balance {
        /** Each class (masked, incorrect, unmasked) weighs the same in total. */
        CLASS,
        /**
         * Masked faces weigh half of the total and the classes that are not masked share the other half, so the
         * masked / not-masked decision (alerts, TNR / FNR) is balanced as in a two-class model.
         */
        MASKED_HALF,
        /**
         * Within each source, masked and unmasked faces weigh the same in total (each source keeps its
         * share): a source that is almost all one class (CelebA: unmasked, Kaggle: masked) cannot
         * teach "this look means this class". Weights are capped at 5.
         */
        SOURCE_CLASS
    }

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
        Objects.requireNonNull(balance, "balance");
    }

    public static TrainConfig defaults(Path checkpoints) {
        return new TrainConfig(42, 15, 64, 2e-3f, 5e-5f, Math.max(1, Runtime.getRuntime().availableProcessors()),
                CropSpec.DEFAULT, Augmenter.Settings.DEFAULT, checkpoints, 20, Balance.CLASS);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(s, epochs, batchSize, learningRate, weightDecay, threads, spec, augment, checkpoints, minPerClass, balance);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(seed, e, batchSize, learningRate, weightDecay, threads, spec, augment, checkpoints, minPerClass, balance);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(seed, epochs, batchSize, learningRate, weightDecay, t, spec, augment, checkpoints, minPerClass, balance);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(seed, epochs, b, learningRate, weightDecay, threads, spec, augment, checkpoints, minPerClass, balance);
    }

    public TrainConfig withBalance(Balance b) {
        return new TrainConfig(seed, epochs, batchSize, learningRate, weightDecay, threads, spec, augment, checkpoints, minPerClass, b);
    }

    public TrainConfig withSpec(CropSpec c) {
        return new TrainConfig(seed, epochs, batchSize, learningRate, weightDecay, threads, c, augment, checkpoints, minPerClass, balance);
    }

    public TrainConfig withMinPerClass(int m) {
        return new TrainConfig(seed, epochs, batchSize, learningRate, weightDecay, threads, spec, augment, checkpoints, m, balance);
    }
}
