package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A second box for faces already found: the one a detector trained on masked faces draws around the same face. YuNet
 * was trained on faces without masks and often boxes only the eyes and nose of a masked face; the pipeline moves a
 * masked face's reported box toward this one (docs/detection.md, "Masked-face boxes"). Implementations are thread-safe.
 */
public interface MaskedFaceBoxes extends AutoCloseable {

    /** For each face box, in order, the masked-face detector's box of the same face, or null where it sees none. */
    List<Box> boxes(BufferedImage image, List<Box> faces);

    @Override
    void close();
}
