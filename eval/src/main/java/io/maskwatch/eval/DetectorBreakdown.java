package io.maskwatch.eval;

import io.maskwatch.detect.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the detector did, in more detail than {@link DetectorMetrics}: found-but-mismatched faces, recall by
 * size and class, a confusion matrix that includes spurious detections (split into unannotated real faces and
 * non-faces by the set's {@link UnannotatedFaces}), the precision-recall curve over the detection score, and
 * 95% Wilson intervals on recall, TNR and FNR. Computed from a finished {@link Evaluation} (all faces).
 *
 * @param mismatched faces with no detection at IoU &gt; 0.5 but one at IoU in [0.3, 0.5]: found with a wrong
 *                   box (a masked face boxed from the eyes to the nose), apart from truly missed faces
 */
public record DetectorBreakdown(Wilson recall, Wilson tnr, Wilson fnr, List<Mismatch> mismatched,
                                List<SizeClassRecall> bySize, Confusion confusion, List<PrPoint> prCurve,
                                int ignoreListBoxes, int spurious, int spuriousUnannotatedFaces) {

    /** Lower bound (inclusive) of the "found but box mismatched" IoU band; its upper bound is the match IoU. */
    public static final double MISMATCH_IOU = 0.3;
    /** Size buckets (shorter side, px) of the recall table. */
    static final double[] SIZE_EDGES = {0, 20, 40, 80, 160, Double.POSITIVE_INFINITY};

    /** A face whose best detection overlaps it by IoU in [0.3, 0.5]. */
    public record Mismatch(FaceRow face, Prediction best, double iou) {
    }

    /** Recall of one size bucket for masked faces, unmasked faces and both. */
    public record SizeClassRecall(String bucket, double from, double to, Wilson masked, Wilson unmasked, Wilson all) {
    }

    /**
     * Rows: what was there (masked face, unmasked face, no face). Columns: what the pipeline said (masked,
     * unmasked, nothing = missed). The "no face" row counts spurious detections by their label; of those,
     * {@code unannotated*} lie on faces of the ignore list.
     */
    public record Confusion(int maskedAsMasked, int maskedAsUnmasked, int maskedMissed, int unmaskedAsMasked,
                            int unmaskedAsUnmasked, int unmaskedMissed, int noFaceAsMasked, int noFaceAsUnmasked,
                            int unannotatedAsMasked, int unannotatedAsUnmasked) {
    }

    /** Precision and recall of the detections scoring at least {@code score}. */
    public record PrPoint(double score, double precision, double recall, int detections) {
    }

    public int spuriousNonFaces() {
        return spurious - spuriousUnannotatedFaces;
    }

    public static DetectorBreakdown of(Evaluation e, UnannotatedFaces ignore) {
        Map<String, List<DetectionRow>> dets = new HashMap<>();
        for (DetectionRow d : e.detectionRows()) {
            dets.computeIfAbsent(d.image(), k -> new ArrayList<>()).add(d);
        }
        List<FaceRow> rows = e.faceRows();
        List<Mismatch> mismatched = new ArrayList<>();
        double[] bestScore = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            FaceRow r = rows.get(i);
            Box b = r.face().box();
            Prediction best = null;
            double bestIou = 0;
            bestScore[i] = Double.NEGATIVE_INFINITY;
            for (DetectionRow d : dets.getOrDefault(r.image(), List.of())) {
                double iou = b.iou(d.detection().box());
                if (iou > bestIou) {
                    bestIou = iou;
                    best = d.detection();
                }
                if (iou > Matching.IOU_THRESHOLD) {
                    bestScore[i] = Math.max(bestScore[i], d.detection().score());
                }
            }
            if (!r.detected() && best != null && bestIou >= MISMATCH_IOU) {
                mismatched.add(new Mismatch(r, best, bestIou));
            }
        }
        mismatched.sort(Comparator.comparingDouble((Mismatch m) -> m.face().face().size()).reversed());

        List<SizeClassRecall> bySize = new ArrayList<>();
        for (int k = 0; k + 1 < SIZE_EDGES.length; k++) {
            double from = SIZE_EDGES[k];
            double to = SIZE_EDGES[k + 1];
            int[] found = new int[2];
            int[] total = new int[2];
            for (FaceRow r : rows) {
                double s = r.face().size();
                if (s >= from && s < to) {
                    int c = r.masked() ? 0 : 1;
                    total[c]++;
                    found[c] += r.detected() ? 1 : 0;
                }
            }
            String name = to == Double.POSITIVE_INFINITY ? "&ge; " + (int) from + " px"
                    : (int) from + "&ndash;" + (int) to + " px";
            bySize.add(new SizeClassRecall(name, from, to, Wilson.of(found[0], total[0]), Wilson.of(found[1], total[1]),
                    Wilson.of(found[0] + found[1], total[0] + total[1])));
        }

        double t = e.threshold();
        int mm = 0, mu = 0, mx = 0, um = 0, uu = 0, ux = 0;
        for (FaceRow r : rows) {
            if (!r.detected()) {
                if (r.masked()) mx++; else ux++;
            } else {
                boolean saysMasked = r.detection().maskProbability() >= t;
                if (r.masked()) {
                    if (saysMasked) mm++; else mu++;
                } else {
                    if (saysMasked) um++; else uu++;
                }
            }
        }
        int nm = 0, nu = 0, am = 0, au = 0;
        for (DetectionRow d : e.spurious()) {
            boolean saysMasked = d.detection().maskProbability() >= t;
            if (ignore.covers(d.image(), d.detection().box())) {
                if (saysMasked) am++; else au++;
            } else {
                if (saysMasked) nm++; else nu++;
            }
        }
        Confusion confusion = new Confusion(mm, mu, mx, um, uu, ux, nm, nu, am, au);

        // precision-recall over the detection score: a face counts as found at score s when a detection of at
        // least s overlaps it by IoU > 0.5; precision = detections of at least s on a face / all of at least s
        List<DetectionRow> sorted = new ArrayList<>(e.detectionRows());
        sorted.sort(Comparator.comparingDouble((DetectionRow d) -> d.detection().score()).reversed());
        double[] faceScores = bestScore.clone();
        java.util.Arrays.sort(faceScores);
        List<PrPoint> pr = new ArrayList<>();
        int onFace = 0;
        for (int i = 0; i < sorted.size(); i++) {
            DetectionRow d = sorted.get(i);
            onFace += d.spurious() ? 0 : 1;
            double s = d.detection().score();
            if (i + 1 < sorted.size() && sorted.get(i + 1).detection().score() == s) {
                continue;
            }
            int found = faceScores.length - lowerBound(faceScores, s);
            pr.add(new PrPoint(s, onFace / (double) (i + 1), rows.isEmpty() ? Double.NaN : found / (double) rows.size(),
                    i + 1));
        }

        PipelineMetrics p = e.all().pipeline();
        int matched = (int) rows.stream().filter(FaceRow::detected).count();
        int unannotated = am + au;
        return new DetectorBreakdown(Wilson.of(matched, rows.size()),
                Wilson.of(p.unmasked().correct(), p.unmasked().total()), Wilson.of(p.masked().wrong(), p.masked().total()),
                mismatched, bySize, confusion, pr, ignore.size(), e.spurious().size(), unannotated);
    }

    /** Index of the first value >= x in a sorted array. */
    private static int lowerBound(double[] a, double x) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
