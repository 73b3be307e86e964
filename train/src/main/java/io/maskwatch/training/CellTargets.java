package io.maskwatch.training;

import io.maskwatch.detect.Box;
import io.maskwatch.detect.YuNetDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which of YuNet's cells learn to find each taught face, and the box they learn: a simplified SimOTA, the assignment
 * YuNet was trained with, judged on the original model's (the teacher's) answers. A face's candidates are the cells
 * whose centre lies inside it, within 2.5 strides of its centre, on every level; each costs
 * {@code -ln(score) - 3 ln(IoU)} of the teacher's box there, and the {@code k} cheapest are taken, k being the sum of
 * the ten best IoUs (at least 1). A cell claimed by two faces goes to the cheaper claim.
 * <p>
 * The box a cell learns is the teacher's own box there when it overlaps the annotation by at least {@link #OWN_BOX}
 * (YuNet's drawing style stays where YuNet already sees the face), else the annotation: the faces the teacher misses
 * or half-boxes, masked ones above all, take the annotated whole face. (Teaching every cell the teacher's best box
 * of the face instead, measured, flattened the scores: cells of the wrong level then learn boxes far from their own.)
 */
public final class CellTargets {

    static final double OWN_BOX = 0.6;
    /** Faces smaller than this (sample pixels) are not taught: they are blurs, and the teacher speaks for them. */
    static final double MIN_TAUGHT = 8;
    private static final double RADIUS = 2.5;
    private static final int TOP_IOUS = 10;

    private CellTargets() {
    }

    /** Per level: 1 where a cell is taught a face, and the encoded box it learns (dx, dy, ln w, ln h per cell). */
    public record Level(int cols, int rows, float[] positive, float[] box) {
        public int count() {
            int n = 0;
            for (float p : positive) n += p > 0 ? 1 : 0;
            return n;
        }
    }

    /**
     * @param teacher per level: cls and obj logits (one per cell, row-major) and bbox (4 per cell)
     */
    public static List<Level> assign(DetectorSamples.Sample s, float[][][] teacher) {
        int[] strides = YuNetDecoder.strides();
        List<Level> levels = new ArrayList<>();
        float[][] cost = new float[strides.length][];
        for (int l = 0; l < strides.length; l++) {
            int cols = s.width() / strides[l], rows = s.height() / strides[l];
            levels.add(new Level(cols, rows, new float[cols * rows], new float[4 * cols * rows]));
            cost[l] = new float[cols * rows];
            Arrays.fill(cost[l], Float.MAX_VALUE);
        }
        for (DetectorSamples.SampleFace f : s.faces()) {
            Box g = f.box();
            if (!f.taught() || g.size() < MIN_TAUGHT) continue;
            List<double[]> cand = new ArrayList<>(); // level, cell, iou, cost, teacher box
            for (int l = 0; l < strides.length; l++) {
                int st = strides[l];
                Level lv = levels.get(l);
                float[] cls = teacher[l][0], obj = teacher[l][1], bb = teacher[l][2];
                for (int r = 0; r < lv.rows(); r++) {
                    for (int c = 0; c < lv.cols(); c++) {
                        double px = (c + 0.5) * st, py = (r + 0.5) * st;
                        if (px < g.x1() || px > g.x2() || py < g.y1() || py > g.y2()) continue;
                        if (Math.abs(px - g.centerX()) > RADIUS * st || Math.abs(py - g.centerY()) > RADIUS * st) continue;
                        int i = r * lv.cols() + c;
                        Box t = decode(bb, i, c, r, st);
                        double iou = t.iou(g);
                        double score = Math.sqrt(sigmoid(cls[i]) * sigmoid(obj[i]));
                        cand.add(new double[] {l, i, iou, -Math.log(score + 1e-8) - 3 * Math.log(iou + 1e-8),
                                t.x1(), t.y1(), t.x2(), t.y2()});
                    }
                }
            }
            if (cand.isEmpty()) {
                // a face between the centres of the finest cells: the one nearest its centre learns it
                int st = strides[0];
                Level lv = levels.get(0);
                int c = (int) Math.min(lv.cols() - 1, Math.max(0, Math.floor(g.centerX() / st)));
                int r = (int) Math.min(lv.rows() - 1, Math.max(0, Math.floor(g.centerY() / st)));
                cand.add(new double[] {0, r * lv.cols() + c, 0, 100, g.x1(), g.y1(), g.x2(), g.y2()});
            }
            double[] ious = cand.stream().mapToDouble(c -> c[2]).sorted().toArray();
            double sum = 0;
            for (int i = 0; i < Math.min(TOP_IOUS, ious.length); i++) sum += ious[ious.length - 1 - i];
            int k = (int) Math.max(1, Math.floor(sum));
            cand.sort((a, b) -> Double.compare(a[3], b[3]));
            for (double[] c : cand.subList(0, Math.min(k, cand.size()))) {
                int l = (int) c[0], i = (int) c[1], st = strides[l];
                if (c[3] >= cost[l][i]) continue;
                cost[l][i] = (float) c[3];
                Level lv = levels.get(l);
                Box target = c[2] >= OWN_BOX ? new Box(c[4], c[5], c[6], c[7]) : g;
                int col = i % lv.cols(), row = i / lv.cols();
                lv.positive()[i] = 1;
                lv.box()[4 * i] = (float) (target.centerX() / st - col);
                lv.box()[4 * i + 1] = (float) (target.centerY() / st - row);
                lv.box()[4 * i + 2] = (float) Math.log(target.width() / st);
                lv.box()[4 * i + 3] = (float) Math.log(target.height() / st);
            }
        }
        return levels;
    }

    /** The box of cell (c, r) as {@link YuNetDecoder} reads it. */
    static Box decode(float[] bbox, int i, int c, int r, int stride) {
        double cx = (c + bbox[4 * i]) * stride, cy = (r + bbox[4 * i + 1]) * stride;
        double w = Math.exp(bbox[4 * i + 2]) * stride, h = Math.exp(bbox[4 * i + 3]) * stride;
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
