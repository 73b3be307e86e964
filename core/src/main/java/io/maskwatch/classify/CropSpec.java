package io.maskwatch.classify;

/**
 * How a face box becomes the classifier's input: the box is scaled by {@code expand} about its
 * centre, made square on its longer side when {@code square}, and resampled to size × size RGB.
 * Pixels are then normalised to (v / 255 - mean) / std per channel.
 * Training, evaluation and serving all use the same spec, read from the model's metadata.
 */
public record CropSpec(double expand, boolean square, int size, float mean, float std) {

    /** The spec of the committed classifier. */
    public static final CropSpec DEFAULT = new CropSpec(1.1, true, 64, 0.5f, 0.5f);

    public CropSpec {
        if (!(expand > 0.5 && expand < 4)) throw new IllegalArgumentException("expand must be in (0.5, 4): " + expand);
        if (size < 8 || size > 512) throw new IllegalArgumentException("size must be in [8, 512]: " + size);
        if (!(std > 0)) throw new IllegalArgumentException("std must be > 0: " + std);
    }
}
