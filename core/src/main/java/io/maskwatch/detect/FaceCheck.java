package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A second look at the detector's candidates: how likely each is a face, and where the whole face lies. YuNet was
 * trained on faces without masks: on a masked face it often reports the eyes and nose only, and it scores hands,
 * hair and backs of heads as faces; this stage sees each candidate with its surroundings and answers both.
 * Implementations are thread-safe.
 */
public interface FaceCheck extends AutoCloseable {

    /** The answer for one candidate: P(face) and the whole face's box, in pixels of the image. */
    record Verdict(double faceProbability, Box wholeFace) {
        public Verdict {
            if (!(faceProbability >= 0 && faceProbability <= 1)) {
                throw new IllegalArgumentException("face probability must be in [0, 1]: " + faceProbability);
            }
            java.util.Objects.requireNonNull(wholeFace, "wholeFace");
        }
    }

    /** One verdict per candidate, in order. */
    List<Verdict> check(BufferedImage image, List<Face> candidates);

    @Override
    void close();
}
