package io.maskwatch.classify;

import io.maskwatch.detect.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Decides masked / incorrect / unmasked for faces of one image. Implementations crop with
 * {@link FaceCrops} (the same crop rule training uses) and classify all faces of an image in one
 * batch. Implementations are thread-safe.
 */
public interface MaskClassifier extends AutoCloseable {

    /** The three probabilities of each face box, in the order given. */
    List<MaskState> classify(BufferedImage image, List<Box> faces);

    /** P(masked, worn correctly) for each face box, in the order given. */
    default float[] maskProbabilities(BufferedImage image, List<Box> faces) {
        List<MaskState> s = classify(image, faces);
        float[] p = new float[s.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = s.get(i).masked();
        }
        return p;
    }

    /** The decision threshold the model was calibrated with (P(masked) at or above it means masked). */
    double defaultThreshold();

    @Override
    void close();
}
