package io.maskwatch.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RetinaFace's output tensors to faces, as biubug6's reference code decodes them: SSD priors (min sizes 16/32,
 * 64/128, 256/512 at steps 8/16/32, two per cell, row-major), variances 0.1 (centre, landmarks) and 0.2 (size);
 * score = column 1 of the softmaxed confidences. Pure: no model, no state.
 */
public final class RetinaFaceDecoder {

    private static final int[] STEPS = {8, 16, 32};
    private static final int[][] MIN_SIZES = {{16, 32}, {64, 128}, {256, 512}};
    private static final float VARIANCE_CENTER = 0.1f;
    private static final float VARIANCE_SIZE = 0.2f;

    private final float[] priors;

    /** A decoder for a square input of side {@code size} (640 for the shared model). */
    public RetinaFaceDecoder(int size) {
        this.priors = priors(size);
    }

    /** Number of priors (rows of each output) for this input size. */
    public int priorCount() {
        return priors.length / 4;
    }

    /** cx, cy, w, h of each prior, in input pixels. */
    static float[] priors(int size) {
        List<float[]> list = new ArrayList<>();
        for (int k = 0; k < STEPS.length; k++) {
            int step = STEPS[k];
            int n = (int) Math.ceil(size / (double) step);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int minSize : MIN_SIZES[k]) {
                        list.add(new float[] {(j + 0.5f) * step, (i + 0.5f) * step, minSize, minSize});
                    }
                }
            }
        }
        float[] out = new float[list.size() * 4];
        for (int i = 0; i < list.size(); i++) {
            System.arraycopy(list.get(i), 0, out, i * 4, 4);
        }
        return out;
    }

    /**
     * Decodes one run's outputs: {@code loc} [N,4], {@code conf} [N,2], {@code landmarks} [N,10], N = priorCount().
     *
     * @return faces scoring at least {@code minScore}, in input pixels, in prior order (not suppressed)
     * @throws IllegalArgumentException when a size does not match the priors
     */
    public List<Face> decode(FloatBuffer loc, FloatBuffer conf, FloatBuffer landmarks, double minScore) {
        int n = priorCount();
        check("loc", loc, 4 * n);
        check("conf", conf, 2 * n);
        check("landmarks", landmarks, 10 * n);
        List<Face> faces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float score = conf.get(2 * i + 1);
            if (score < minScore) {
                continue;
            }
            float pcx = priors[4 * i], pcy = priors[4 * i + 1], pw = priors[4 * i + 2], ph = priors[4 * i + 3];
            float cx = pcx + loc.get(4 * i) * VARIANCE_CENTER * pw;
            float cy = pcy + loc.get(4 * i + 1) * VARIANCE_CENTER * ph;
            float w = pw * (float) Math.exp(loc.get(4 * i + 2) * VARIANCE_SIZE);
            float h = ph * (float) Math.exp(loc.get(4 * i + 3) * VARIANCE_SIZE);
            List<Point> points = new ArrayList<>(5);
            for (int p = 0; p < 5; p++) {
                points.add(new Point(pcx + landmarks.get(10 * i + 2 * p) * VARIANCE_CENTER * pw,
                        pcy + landmarks.get(10 * i + 2 * p + 1) * VARIANCE_CENTER * ph));
            }
            faces.add(new Face(new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), score, points));
        }
        return faces;
    }

    private static void check(String what, FloatBuffer b, int expected) {
        if (b.capacity() != expected) {
            throw new IllegalArgumentException(what + " has " + b.capacity() + " values, expected " + expected
                    + " for " + expected / (what.equals("loc") ? 4 : what.equals("conf") ? 2 : 10) + " priors");
        }
    }
}
