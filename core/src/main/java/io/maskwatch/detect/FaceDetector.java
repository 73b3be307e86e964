package io.maskwatch.detect;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces in an image. Implementations own their pre-processing (resize, mean, layout) and
 * decoding (priors, NMS, merging of scales); callers never see tensors.
 * Implementations are thread-safe: one instance serves all threads.
 */
public interface FaceDetector extends AutoCloseable {

    /** Short name used on the command line and in reports, e.g. "retinaface" or "yunet". */
    String name();

    /**
     * Detects faces.
     *
     * @param image an RGB image as returned by {@link io.maskwatch.image.ImageLoader} (TYPE_3BYTE_BGR)
     * @return faces in pixels of {@code image}, highest score first
     */
    List<Face> detect(BufferedImage image);

    @Override
    void close();
}
