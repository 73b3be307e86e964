package io.maskwatch.pipeline;

import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;

/**
 * Where the reported face box ends below: the detector's box moved down by a share of its height, {@code bare} for a
 * face the classifier sees uncovered plus {@code covered} times P(mask, worn correctly or not).
 *
 * <p>Why: the detectors learnt their boxes on WIDER FACE, where the chin shows; a mask hides it, and their box then stops
 * at the mask's lower edge. People who box faces by hand include the chin: on both annotated sets, matched boxes end
 * lower by a median 3% of the detector box's height for unmasked faces and 8.5% for masked ones (docs/detection.md,
 * "Whole faces: the chin"). The classifier still sees the detector's box, the crop it was trained on; only the
 * reported box moves.
 */
public record ChinExtension(double bare, double covered) {

    /** Below both measured medians, so that a box already reaching the chin is not pushed far past it. */
    public static final ChinExtension DEFAULT = new ChinExtension(0.02, 0.05);
    /** The detector's box as it is. */
    public static final ChinExtension NONE = new ChinExtension(0, 0);

    public ChinExtension {
        if (!(bare >= 0 && covered >= 0 && bare + covered <= 0.5)) {
            throw new IllegalArgumentException(
                    "chin extension shares must be >= 0 and together at most 0.5: " + bare + ", " + covered);
        }
    }

    /** {@code box} with its bottom edge moved down for a face in state {@code state}, kept inside the image. */
    public Box extend(Box box, MaskState state, int imageHeight) {
        double share = bare + covered * (1 - state.unmasked());
        double bottom = Math.min(imageHeight, box.y2() + share * box.height());
        return bottom <= box.y2() ? box : new Box(box.x1(), box.y1(), box.x2(), bottom);
    }
}
