package io.maskwatch.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * YuNet's output tensors to faces, as OpenCV's FaceDetectorYN decodes them: per stride s in 8/16/32 one anchor
 * per cell (row-major), centre = (col + dx, row + dy)·s, size = exp(dw, dh)·s, landmark i = (col + kx_i,
 * row + ky_i)·s, score = sqrt(clamp(cls)·clamp(obj)). Pure: no model, no state.
 */
public final class YuNetDecoder {

    static final int[] STRIDES = {8, 16, 32};
    /** The four heads per stride; output names are head + stride ("cls_8" ... "kps_32"). */
    static final String[] HEADS = {"cls_", "obj_", "bbox_", "kps_"};

    private YuNetDecoder() {
    }

    /** The strides of YuNet's three output levels, finest first (a copy). */
    public static int[] strides() {
        return STRIDES.clone();
    }

    /** Every output name the decoder needs. */
    static List<String> outputNames() {
        List<String> out = new ArrayList<>();
        for (int s : STRIDES) {
            for (String head : HEADS) {
                out.add(head + s);
            }
        }
        return out;
    }

    /**
     * Decodes the outputs of one run on a {@code width x height} input (multiples of 32).
     *
     * @param outputs  output name to its values (cls/obj: one per cell, bbox: 4, kps: 10)
     * @param minScore faces scoring below this are skipped
     * @return faces in input pixels, in cell order (not suppressed)
     * @throws IllegalArgumentException when an output is missing or its size does not fit the input size
     */
    public static List<Face> decode(Map<String, FloatBuffer> outputs, int width, int height, double minScore) {
        List<Face> faces = new ArrayList<>();
        for (int s : STRIDES) {
            int cols = width / s;
            int rows = height / s;
            int cells = rows * cols;
            FloatBuffer cls = output(outputs, "cls_" + s, cells, 1);
            FloatBuffer obj = output(outputs, "obj_" + s, cells, 1);
            FloatBuffer bbox = output(outputs, "bbox_" + s, cells, 4);
            FloatBuffer kps = output(outputs, "kps_" + s, cells, 10);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    float score = (float) Math.sqrt(clamp01(cls.get(i)) * clamp01(obj.get(i)));
                    if (score < minScore) {
                        continue;
                    }
                    float cx = (c + bbox.get(4 * i)) * s;
                    float cy = (r + bbox.get(4 * i + 1)) * s;
                    float bw = (float) Math.exp(bbox.get(4 * i + 2)) * s;
                    float bh = (float) Math.exp(bbox.get(4 * i + 3)) * s;
                    List<Point> points = new ArrayList<>(5);
                    for (int p = 0; p < 5; p++) {
                        points.add(new Point((c + kps.get(10 * i + 2 * p)) * s, (r + kps.get(10 * i + 2 * p + 1)) * s));
                    }
                    faces.add(new Face(new Box(cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2), score, points));
                }
            }
        }
        return faces;
    }

    private static FloatBuffer output(Map<String, FloatBuffer> outputs, String name, int cells, int perCell) {
        FloatBuffer b = outputs.get(name);
        if (b == null) {
            throw new IllegalArgumentException("output " + name + " missing (have " + outputs.keySet() + ")");
        }
        if (b.capacity() != cells * perCell) {
            throw new IllegalArgumentException("output " + name + " has " + b.capacity() + " values, expected "
                    + cells * perCell + " (" + cells + " cells x " + perCell + ")");
        }
        return b;
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
