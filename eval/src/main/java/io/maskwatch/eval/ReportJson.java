package io.maskwatch.eval;

import io.maskwatch.pipeline.Label;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * report.json: the keys of issue 4 ({@code dataset}, {@code images}, {@code faces}, {@code threshold},
 * {@code min_face}, {@code detector}, {@code pipeline}, {@code classifier}, {@code min_face_<N>}), and
 * more (sweep, operating points, reference numbers, errors, provenance). Undefined rates (a class
 * with no faces) are null.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The key of the min-face subset: "min_face_20" for 20 px. */
    public static String subsetKey(double minFace) {
        return "min_face_" + number(minFace);
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    public static String toJson(Evaluation e) {
        try {
            return MAPPER.writeValueAsString(tree(e)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    public static ObjectNode tree(Evaluation e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dataset", e.dataset());
        root.put("images", e.images());
        root.put("faces", e.faces());
        put(root, "threshold", e.threshold());
        put(root, "min_face", e.minFace());
        subset(root, e.all());
        ObjectNode sub = root.putObject(subsetKey(e.minFace()));
        sub.put("faces", e.minFaceSubset().detector().faces());
        subset(sub, e.minFaceSubset());
        DetectorSections.json(root, DetectorSections.breakdown(e));
        ObjectNode ref = root.putObject("reference");
        ref.put("detector_recall", ReferenceResults.DETECTOR_RECALL);
        ref.put("tnr", ReferenceResults.TNR);
        ref.put("fnr", ReferenceResults.FNR);
        ref.put("spurious", ReferenceResults.SPURIOUS_FACES);
        ref.put("spurious_photos", ReferenceResults.SPURIOUS_PHOTOS);
        ref.put("classifier_accuracy", ReferenceResults.CLASSIFIER_ACCURACY);
        ArrayNode errors = root.putArray("errors");
        e.errors().forEach(errors::add);
        ArrayNode warnings = root.putArray("warnings");
        e.warnings().forEach(warnings::add);
        ObjectNode prov = root.putObject("provenance");
        e.provenance().forEach(prov::put);
        return root;
    }

    private static void subset(ObjectNode o, SubsetMetrics s) {
        DetectorMetrics d = s.detector();
        ObjectNode det = o.putObject("detector");
        det.put("matched", d.matched());
        det.put("missed", d.missed());
        det.put("spurious", d.spurious());
        put(det, "recall", d.recall());
        put(det, "precision", d.precision());
        put(det, "average_precision", d.averagePrecision());
        det.put("faces", d.faces());
        det.put("detections", d.detections());

        PipelineMetrics p = s.pipeline();
        ObjectNode pipe = o.putObject("pipeline");
        counts(pipe.putObject("masked"), p.masked());
        counts(pipe.putObject("unmasked"), p.unmasked());
        put(pipe, "tnr", p.tnr());
        put(pipe, "fnr", p.fnr());
        put(pipe, "tnr_detected", p.tnrDetected());
        put(pipe, "fnr_detected", p.fnrDetected());
        put(pipe, "auc", p.auc());
        counts(pipe.putObject("incorrect"), p.incorrect());

        ClassifierMetrics c = s.classifier();
        ObjectNode cls = o.putObject("classifier");
        put(cls, "accuracy", c.accuracy());
        put(cls, "auc", c.auc());
        cls.put("faces", c.faces());
        put(cls, "tnr", c.tnr());
        put(cls, "fnr", c.fnr());
        ObjectNode inc = cls.putObject("incorrect");
        inc.put("total", c.incorrect().total());
        inc.put("correct", c.incorrect().correct());
        ArrayNode sizes = cls.putArray("by_size");
        for (ClassifierMetrics.SizeBucket b : c.bySize()) {
            ObjectNode n = sizes.addObject();
            n.put("size", b.name());
            put(n, "from", b.from());
            put(n, "to", b.to());
            n.put("faces", b.faces());
            put(n, "accuracy", b.accuracy());
            put(n, "auc", b.auc());
        }

        confusion(o.putObject("three_class").putObject("classifier"), s.classifierConfusion());
        confusion(((ObjectNode) o.get("three_class")).putObject("pipeline"), s.pipelineConfusion());

        ThresholdSweep w = s.sweep();
        ObjectNode ops = o.putObject("operating_points");
        point(ops, "tnr_at_least_0.95", w.tnrTarget());
        point(ops, "fnr_at_most_0.02", w.fnrTarget());
        point(ops, "tnr_detected_at_least_0.95", w.tnrDetectedTarget());
        point(ops, "fnr_detected_at_most_0.02", w.fnrDetectedTarget());
        ArrayNode sweep = o.putArray("threshold_sweep");
        w.points().forEach(pt -> sweep.add(point(pt)));
    }

    /** rows: annotated class; per row the count of each label given (and not found), and the recall. */
    private static void confusion(ObjectNode o, ConfusionMatrix m) {
        for (Label t : ConfusionMatrix.ORDER) {
            ObjectNode row = o.putObject(t.json());
            row.put("total", m.total(t));
            for (Label p : ConfusionMatrix.ORDER) {
                row.put(p.json(), m.count(t, p));
            }
            row.put("not_found", m.missed(t));
            put(row, "recall", m.recall(t));
            put(row, "not_masked", m.notMasked(t));
        }
    }

    private static void counts(ObjectNode o, ClassCounts c) {
        o.put("total", c.total());
        o.put("correct", c.correct());
        o.put("wrong", c.wrong());
        o.put("missed", c.missed());
    }

    private static void point(ObjectNode parent, String key, ThresholdSweep.Point p) {
        if (p == null) {
            parent.putNull(key);
        } else {
            parent.set(key, point(p));
        }
    }

    private static JsonNode point(ThresholdSweep.Point p) {
        ObjectNode n = MAPPER.createObjectNode();
        put(n, "threshold", p.threshold());
        put(n, "tnr", p.tnr());
        put(n, "fnr", p.fnr());
        put(n, "tnr_detected", p.tnrDetected());
        put(n, "fnr_detected", p.fnrDetected());
        put(n, "classifier_tnr", p.classifierTnr());
        put(n, "classifier_fnr", p.classifierFnr());
        return n;
    }

    /** Numbers rounded to 6 decimals (the report is for people and diffs); NaN and infinity as null. */
    private static void put(ObjectNode o, String key, double v) {
        if (!Double.isFinite(v)) {
            o.putNull(key);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            o.put(key, (long) v);
        } else {
            o.put(key, Math.round(v * 1e6) / 1e6);
        }
    }
}
