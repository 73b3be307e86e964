package io.maskwatch.eval;

import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.dataset.LabelMap;
import io.maskwatch.pipeline.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns the pipeline's raw output on an annotated set into the metrics of the reference's protocol. */
public final class Evaluator {

    /** Faces of at least this many pixels form the second half of the default report. */
    public static final double DEFAULT_MIN_FACE = 20;

    private Evaluator() {
    }

    public static Evaluation evaluate(String dataset, List<ImageRun> runs, LabelMap labels, double threshold,
                                      double minFace, List<String> warnings, Map<String, String> provenance) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
        }
        if (!(minFace >= 0)) {
            throw new IllegalArgumentException("min face must be >= 0: " + minFace);
        }
        List<FaceRow> rows = faceRows(runs, labels, threshold);
        List<DetectionRow> dets = detectionRows(runs);
        List<String> errors = runs.stream().filter(r -> r.error() != null)
                .map(r -> r.image().image() + ": " + r.error()).toList();
        return new Evaluation(dataset, runs.size(), rows.size(), threshold, minFace,
                subset(runs, rows, dets, threshold, 0), subset(runs, rows, dets, threshold, minFace),
                rows, dets, errors, warnings, provenance);
    }

    /** One row per ground-truth face, matched by the reference's rule. */
    public static List<FaceRow> faceRows(List<ImageRun> runs, LabelMap labels, double threshold) {
        List<FaceRow> out = new ArrayList<>();
        for (ImageRun r : runs) {
            AnnotatedImage img = r.image();
            List<Matching.Match> matches = Matching.matchFaces(img.faces(), r.detections());
            for (int i = 0; i < img.faces().size(); i++) {
                GroundTruthFace f = img.faces().get(i);
                boolean masked = labels.countsAsMasked(f.cls());
                Matching.Match m = matches.get(i);
                Prediction p = m.detection() < 0 ? null : r.detections().get(m.detection());
                Outcome o = p == null ? Outcome.MISSED
                        : (p.maskProbability() >= threshold) == masked ? Outcome.CORRECT : Outcome.WRONG;
                double cp = r.error() == null ? r.groundTruthProbabilities().get(i) : Double.NaN;
                Label cl = r.error() != null ? null : r.groundTruthLabels().isEmpty() ? Label.of(cp, threshold)
                        : r.groundTruthLabels().get(i);
                out.add(new FaceRow(img.name(), i, f, masked, p, m.iou(), m.candidates(), cp, o, cl));
            }
        }
        return out;
    }

    public static List<DetectionRow> detectionRows(List<ImageRun> runs) {
        List<DetectionRow> out = new ArrayList<>();
        for (ImageRun r : runs) {
            double[] largest = Matching.largestMatchedFace(r.image().faces(), r.detections());
            for (int d = 0; d < largest.length; d++) {
                out.add(new DetectionRow(r.image().name(), r.detections().get(d), largest[d]));
            }
        }
        return out;
    }

    public static SubsetMetrics subset(List<ImageRun> runs, List<FaceRow> allRows, List<DetectionRow> allDets,
                                       double threshold, double minFace) {
        List<FaceRow> rows = allRows.stream().filter(r -> r.face().size() >= minFace).toList();
        return new SubsetMetrics(minFace, detector(rows, allDets, minFace, AveragePrecision.of(runs, minFace)),
                pipeline(rows, threshold), classifier(rows, threshold), sweep(rows),
                classifierConfusion(rows), pipelineConfusion(rows, threshold));
    }

    /** The classifier alone on the ground-truth boxes: annotated class against the label it gave. */
    public static ConfusionMatrix classifierConfusion(List<FaceRow> rows) {
        List<FaceRow> ok = rows.stream().filter(r -> r.classifierLabel() != null).toList();
        return ConfusionMatrix.of(ok.stream().map(r -> r.face().cls()).toList(),
                ok.stream().map(FaceRow::classifierLabel).toList());
    }

    /** The pipeline: annotated class against the label of the matched detection (null: not found). */
    public static ConfusionMatrix pipelineConfusion(List<FaceRow> rows, double threshold) {
        List<Label> called = new ArrayList<>(rows.size());
        for (FaceRow r : rows) {
            called.add(r.detected() ? r.detection().labelAt(threshold) : null);
        }
        return ConfusionMatrix.of(rows.stream().map(r -> r.face().cls()).toList(), called);
    }

    public static DetectorMetrics detector(List<FaceRow> rows, List<DetectionRow> dets, double minFace, double ap) {
        int matched = (int) rows.stream().filter(FaceRow::detected).count();
        int spurious = (int) dets.stream().filter(d -> d.spurious() && d.detection().size() >= minFace).count();
        int onFaces = (int) dets.stream().filter(d -> !d.spurious() && d.largestMatchedFace() >= minFace).count();
        int detections = onFaces + spurious;
        return new DetectorMetrics(rows.size(), detections, matched, rows.size() - matched, spurious,
                ratio(matched, rows.size()), ratio(onFaces, detections), ap);
    }

    public static PipelineMetrics pipeline(List<FaceRow> rows, double threshold) {
        ClassCounts masked = counts(rows, FaceRow::masked);
        ClassCounts unmasked = counts(rows, r -> !r.masked());
        ClassCounts incorrect = counts(rows, r -> r.face().cls() == FaceClass.INCORRECT);
        double[] scores = rows.stream().mapToDouble(FaceRow::pipelineScore).toArray();
        boolean[] pos = new boolean[rows.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = rows.get(i).masked();
        }
        return new PipelineMetrics(masked, unmasked, incorrect,
                ratio(unmasked.correct(), unmasked.total()), ratio(masked.wrong(), masked.total()),
                ratio(unmasked.correct(), unmasked.detected()), ratio(masked.wrong(), masked.detected()),
                Roc.of(scores, pos));
    }

    private static ClassCounts counts(List<FaceRow> rows, Predicate<FaceRow> which) {
        int total = 0;
        int correct = 0;
        int wrong = 0;
        int missed = 0;
        for (FaceRow r : rows) {
            if (!which.test(r)) {
                continue;
            }
            total++;
            switch (r.outcome()) {
                case CORRECT -> correct++;
                case WRONG -> wrong++;
                default -> missed++;
            }
        }
        return new ClassCounts(total, correct, wrong, missed);
    }

    public static ClassifierMetrics classifier(List<FaceRow> allRows, double threshold) {
        List<FaceRow> rows = allRows.stream().filter(r -> !Double.isNaN(r.classifierProbability())).toList();
        int correct = 0;
        int masked = 0;
        int maskedWrong = 0;
        int unmaskedRight = 0;
        int incTotal = 0;
        int incRight = 0;
        for (FaceRow r : rows) {
            boolean saysMasked = r.classifierProbability() >= threshold;
            boolean ok = saysMasked == r.masked();
            correct += ok ? 1 : 0;
            if (r.masked()) {
                masked++;
                maskedWrong += ok ? 0 : 1;
            } else {
                unmaskedRight += ok ? 1 : 0;
            }
            if (r.face().cls() == FaceClass.INCORRECT) {
                incTotal++;
                incRight += ok ? 1 : 0;
            }
        }
        List<ClassifierMetrics.SizeBucket> buckets = new ArrayList<>();
        double[][] ranges = {{0, 20}, {20, 40}, {40, Double.POSITIVE_INFINITY}};
        String[] names = {"< 20 px", "20-40 px", ">= 40 px"};
        for (int b = 0; b < ranges.length; b++) {
            double from = ranges[b][0];
            double to = ranges[b][1];
            List<FaceRow> in = rows.stream().filter(r -> r.face().size() >= from && r.face().size() < to).toList();
            long ok = in.stream().filter(r -> (r.classifierProbability() >= threshold) == r.masked()).count();
            buckets.add(new ClassifierMetrics.SizeBucket(names[b], from, to, in.size(), ratio(ok, in.size()),
                    classifierRoc(in).auc()));
        }
        return new ClassifierMetrics(rows.size(), ratio(correct, rows.size()), ratio(unmaskedRight, rows.size() - masked),
                ratio(maskedWrong, masked), classifierRoc(rows), new ClassCounts(incTotal, incRight, incTotal - incRight, 0),
                buckets);
    }

    private static Roc classifierRoc(List<FaceRow> rows) {
        double[] scores = rows.stream().mapToDouble(FaceRow::classifierProbability).toArray();
        boolean[] pos = new boolean[rows.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = rows.get(i).masked();
        }
        return Roc.of(scores, pos);
    }

    public static ThresholdSweep sweep(List<FaceRow> rows) {
        List<ThresholdSweep.Point> pts = new ArrayList<>();
        int masked = 0;
        int unmasked = 0;
        int maskedDetected = 0;
        int unmaskedDetected = 0;
        int cMasked = 0;
        int cUnmasked = 0;
        for (FaceRow r : rows) {
            if (r.masked()) {
                masked++;
                maskedDetected += r.detected() ? 1 : 0;
            } else {
                unmasked++;
                unmaskedDetected += r.detected() ? 1 : 0;
            }
            if (!Double.isNaN(r.classifierProbability())) {
                if (r.masked()) {
                    cMasked++;
                } else {
                    cUnmasked++;
                }
            }
        }
        for (int k = 0; k <= 100; k++) {
            double t = k / 100.0;
            int tn = 0;
            int fn = 0;
            int ctn = 0;
            int cfn = 0;
            for (FaceRow r : rows) {
                if (r.detected()) {
                    boolean saysUnmasked = r.detection().maskProbability() < t;
                    if (r.masked()) {
                        fn += saysUnmasked ? 1 : 0;
                    } else {
                        tn += saysUnmasked ? 1 : 0;
                    }
                }
                if (!Double.isNaN(r.classifierProbability())) {
                    boolean saysUnmasked = r.classifierProbability() < t;
                    if (r.masked()) {
                        cfn += saysUnmasked ? 1 : 0;
                    } else {
                        ctn += saysUnmasked ? 1 : 0;
                    }
                }
            }
            pts.add(new ThresholdSweep.Point(t, ratio(tn, unmasked), ratio(fn, masked), ratio(tn, unmaskedDetected),
                    ratio(fn, maskedDetected), ratio(ctn, cUnmasked), ratio(cfn, cMasked)));
        }
        return new ThresholdSweep(pts,
                first(pts, p -> p.tnr() >= ThresholdSweep.TNR_TARGET),
                last(pts, p -> p.fnr() <= ThresholdSweep.FNR_TARGET),
                first(pts, p -> p.tnrDetected() >= ThresholdSweep.TNR_TARGET),
                last(pts, p -> p.fnrDetected() <= ThresholdSweep.FNR_TARGET));
    }

    private static ThresholdSweep.Point first(List<ThresholdSweep.Point> pts, Predicate<ThresholdSweep.Point> ok) {
        return pts.stream().filter(ok).findFirst().orElse(null);
    }

    private static ThresholdSweep.Point last(List<ThresholdSweep.Point> pts, Predicate<ThresholdSweep.Point> ok) {
        ThresholdSweep.Point found = null;
        for (ThresholdSweep.Point p : pts) {
            if (ok.test(p)) {
                found = p;
            }
        }
        return found;
    }

    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }
}
