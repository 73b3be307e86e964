package io.maskwatch.classify;

import io.maskwatch.detect.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Decides masked / unmasked for faces of one image. Implementations crop with {@link FaceCrops}
 * (the same crop rule training uses) and classify all faces of an image in one batch.
 * Implementations are thread-safe.
 */
public interface MaskClassifier extends AutoCloseable {

    /** P(masked) for each face box, in the order given. */
    float[] maskProbabilities(BufferedImage image, List<Box> faces);

    /** The decision threshold the model was calibrated with (P(masked) at or above it means masked). */
    double defaultThreshold();

    @Override
    void close();
}
