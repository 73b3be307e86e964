package io.maskwatch.training;

/**
 * How {@link DetectorTrainer} adapts YuNet to masked faces. Validated when built.
 *
 * @param steps          training steps, one sample each
 * @param crop           largest side of a sample, pixels of the detector's input (a multiple of 32)
 * @param minLongSide    smallest long side a photo is resized to (the coarse passes run at 224 and 320)
 * @param maxLongSide    largest long side (the detail pass runs at 1024)
 * @param background     share of samples placed anywhere in the photo instead of around an annotated face
 * @param learningRate   Adam's peak rate (warm-up, then cosine decay)
 * @param positiveWeight extra weight of the cells taught to find an annotated face
 * @param boxWeight      weight of their box loss (L1 on the encoded box)
 * @param teacherWeight  weight of keeping every cell's answer as the original model's (scores, boxes, landmarks)
 * @param seed           photos, crops, flips
 */
public record DetectorTrainConfig(int steps, int crop, int minLongSide, int maxLongSide, double background,
                                  float learningRate, float positiveWeight, float boxWeight, float teacherWeight,
                                  long seed) {

    public static final DetectorTrainConfig DEFAULT = new DetectorTrainConfig(1500, 384, 200, 1100, 0.3, 3e-4f, 4f, 2f, 1f, 42);

    public DetectorTrainConfig {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (crop < 64 || crop % 32 != 0) throw new IllegalArgumentException("crop must be a multiple of 32 and >= 64, got " + crop);
        if (minLongSide < 32 || maxLongSide < minLongSide) {
            throw new IllegalArgumentException("long sides must satisfy 32 <= min <= max, got " + minLongSide + ".." + maxLongSide);
        }
        if (!(background >= 0 && background <= 1)) throw new IllegalArgumentException("background must be in [0, 1], got " + background);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (!(positiveWeight >= 0 && boxWeight >= 0 && teacherWeight >= 0)) {
            throw new IllegalArgumentException("loss weights must be >= 0");
        }
    }

    public DetectorTrainConfig withSteps(int n) {
        return new DetectorTrainConfig(n, crop, minLongSide, maxLongSide, background, learningRate, positiveWeight, boxWeight,
                teacherWeight, seed);
    }

    public DetectorTrainConfig withSeed(long s) {
        return new DetectorTrainConfig(steps, crop, minLongSide, maxLongSide, background, learningRate, positiveWeight, boxWeight,
                teacherWeight, s);
    }
}
