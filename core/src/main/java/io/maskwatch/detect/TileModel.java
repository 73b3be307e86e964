package io.maskwatch.detect;

import java.util.List;

/**
 * One detection model run on one tile: pixels in, candidate faces out. The model-independent rest (passes,
 * tiles, merging) is {@link MultiScaleDetector}, which composes a tile model. Implementations split a run into
 * pre-processing ({@link ImageTensor#fill}), the ONNX Runtime call, and a pure decoder (tensors to faces) that
 * is tested without a model. Thread-safe: one instance serves all threads.
 */
interface TileModel extends AutoCloseable {

    /** The detector's name on the command line and in reports ("yunet", "retinaface"). */
    String name();

    /** Largest tile side the model takes in one run (its fixed input size, or a memory bound). */
    int maxTile();

    /**
     * Detects faces in one tile: the photo resized by {@code scale}, region (tx, ty, tw, th) of the resized
     * photo. Returns faces with score at least {@code minScore}, in pixels of the tile (0,0 = its top-left
     * corner), not yet suppressed.
     */
    List<Face> detect(ImageTensor image, double scale, int tx, int ty, int tw, int th, double minScore);

    @Override
    void close();
}
