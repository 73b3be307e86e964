package io.maskwatch.eval;

import io.maskwatch.pipeline.Label;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS, images as data: URIs, no script): the comparison
 * with the reference, the detector, pipeline and classifier tables for all faces and for faces of at
 * least the minimum size, operating points, both ROC plots, the threshold sweep and the gallery of
 * worst mistakes.
 */
public final class ReportHtml {

    private ReportHtml() {
    }

    public static String render(Evaluation e, byte[] rocPipeline, byte[] rocClassifier, Map<String, List<Gallery.Tile>> gallery) {
        String min = ReportJson.number(e.minFace());
        SubsetMetrics a = e.all();
        SubsetMetrics b = e.minFaceSubset();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>maskwatch evaluation: ").append(esc(e.dataset())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;")
                .append("padding:0 1em;color:#222;line-height:1.4}\n")
                .append("table{border-collapse:collapse;margin:.6em 0 1.4em}th,td{border:1px solid #ccc;padding:.3em .7em;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}\n")
                .append("h2{border-bottom:2px solid #eee;padding-bottom:.2em;margin-top:2em}.muted{color:#666;font-size:.9em}\n")
                .append(".plots{display:flex;flex-wrap:wrap;gap:1em}.plots img{max-width:100%;border:1px solid #ddd}\n")
                .append(".tiles{display:flex;flex-wrap:wrap;gap:.6em}.tile{width:264px;font-size:.8em;word-break:break-all}")
                .append(".tile img{display:block;width:256px;height:256px;border:1px solid #ccc}\n")
                .append("</style></head><body>\n");
        h.append("<h1>maskwatch evaluation</h1>\n<p><b>").append(esc(e.dataset())).append("</b>: ").append(e.images())
                .append(" photos, ").append(e.faces()).append(" annotated faces. Threshold ")
                .append(String.format(Locale.ROOT, "%.4f", e.threshold()))
                .append(" (P(masked) &ge; threshold means masked). Faces are matched to detections at IoU &gt; 0.5;")
                .append(" a face's size is its box's shorter side.</p>\n");
        h.append("<details><summary class=\"muted\">How this report was made</summary><table id=\"provenance\"><tbody>\n");
        e.provenance().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td style=\"text-align:left\">")
                .append(esc(v)).append("</td></tr>\n"));
        h.append("</tbody></table></details>\n");

        h.append("<h2>Compared with the reference design</h2>\n<p class=\"muted\">The reference's figures come from its own photos,")
                .append(" not these: side by side for orientation, not a like-for-like comparison.</p>\n<table id=\"summary\"><thead><tr><th>metric</th>")
                .append("<th>reference (its own photos)</th><th>all faces</th><th>faces &ge; ").append(min)
                .append(" px</th></tr></thead><tbody>\n");
        compare(h, "detector recall", ReferenceResults.DETECTOR_RECALL, a.detector().recall(), b.detector().recall());
        compare(h, "TNR (unmasked faces caught)", ReferenceResults.TNR, a.pipeline().tnr(), b.pipeline().tnr());
        compare(h, "FNR (masked faces called unmasked)", ReferenceResults.FNR, a.pipeline().fnr(), b.pipeline().fnr());
        h.append("<tr><td>spurious faces</td><td>").append(ReferenceResults.SPURIOUS_FACES).append(" on ")
                .append(ReferenceResults.SPURIOUS_PHOTOS).append(" photos</td><td>").append(a.detector().spurious())
                .append(" on ").append(e.images()).append(" photos</td><td>").append(b.detector().spurious())
                .append("</td></tr>\n");
        compare(h, "classifier accuracy on ground-truth boxes", ReferenceResults.CLASSIFIER_ACCURACY,
                a.classifier().accuracy(), b.classifier().accuracy());
        h.append("</tbody></table>\n");

        h.append("<h2>Detector</h2>\n<table id=\"detector\"><thead><tr><th></th><th>all faces</th><th>faces &ge; ")
                .append(min).append(" px</th></tr></thead><tbody>\n");
        row(h, "ground-truth faces", a.detector().faces(), b.detector().faces());
        row(h, "detections", a.detector().detections(), b.detector().detections());
        row(h, "matched faces", a.detector().matched(), b.detector().matched());
        row(h, "missed faces", a.detector().missed(), b.detector().missed());
        row(h, "spurious detections", a.detector().spurious(), b.detector().spurious());
        rowPct(h, "recall", a.detector().recall(), b.detector().recall());
        rowPct(h, "precision", a.detector().precision(), b.detector().precision());
        rowNum(h, "average precision", a.detector().averagePrecision(), b.detector().averagePrecision());
        h.append("</tbody></table>\n<p class=\"muted\">Average precision ranks all detections by score and matches each")
                .append(" to at most one face (duplicates count against it); in the &ge; ").append(min)
                .append(" px column smaller faces and detections are ignored.</p>\n");
        DetectorSections.html(h, DetectorSections.breakdown(e));

        pipelineTable(h, "pipeline-all", "Pipeline: all faces", a);
        pipelineTable(h, "pipeline-min", "Pipeline: faces &ge; " + min + " px", b);

        h.append("<h2>Classifier alone on the ground-truth boxes</h2>\n<table id=\"classifier\"><thead><tr><th></th>")
                .append("<th>all faces</th><th>faces &ge; ").append(min).append(" px</th></tr></thead><tbody>\n");
        row(h, "faces", a.classifier().faces(), b.classifier().faces());
        rowPct(h, "accuracy", a.classifier().accuracy(), b.classifier().accuracy());
        rowPct(h, "TNR", a.classifier().tnr(), b.classifier().tnr());
        rowPct(h, "FNR", a.classifier().fnr(), b.classifier().fnr());
        rowNum(h, "ROC AUC", a.classifier().auc(), b.classifier().auc());
        if (a.classifier().incorrect().total() > 0) {
            h.append("<tr><td>incorrectly worn masks classified as counted</td><td>").append(a.classifier().incorrect().correct())
                    .append(" / ").append(a.classifier().incorrect().total()).append("</td><td>")
                    .append(b.classifier().incorrect().correct()).append(" / ").append(b.classifier().incorrect().total())
                    .append("</td></tr>\n");
        }
        for (ClassifierMetrics.SizeBucket s : a.classifier().bySize()) {
            h.append("<tr><td>accuracy, faces ").append(esc(s.name())).append(" (").append(s.faces())
                    .append(")</td><td>").append(pct(s.accuracy())).append(" (AUC ").append(fmt3(s.auc()))
                    .append(")</td><td></td></tr>\n");
        }
        h.append("</tbody></table>\n");

        h.append("<h2>Three classes: masked, incorrect, unmasked</h2>\n<p class=\"muted\">Rows: the annotated class;")
                .append(" columns: the label given (masked when P(masked) reaches the threshold, else the likelier of incorrect")
                .append(" and unmasked). Recall = the row's diagonal / the row's total. Binary figures above count incorrect")
                .append(" as unmasked.</p>\n");
        confusionTable(h, "three-class-classifier", "Classifier alone, all faces", a.classifierConfusion());
        confusionTable(h, "three-class-classifier-min", "Classifier alone, faces &ge; " + min + " px", b.classifierConfusion());
        confusionTable(h, "three-class-pipeline", "Pipeline, all faces", a.pipelineConfusion());
        confusionTable(h, "three-class-pipeline-min", "Pipeline, faces &ge; " + min + " px", b.pipelineConfusion());

        h.append("<h2>ROC</h2>\n<p class=\"muted\">Masked is the positive class. Pipeline: every annotated face scored")
                .append(" by the P(masked) of its detection, a missed face by 1 (it raises no alarm); spurious detections")
                .append(" are counted apart. Classifier: the same network on the annotated boxes. The dot marks the")
                .append(" threshold.</p>\n<div class=\"plots\">\n<img id=\"roc-pipeline\" alt=\"pipeline ROC\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(rocPipeline)).append("\">\n")
                .append("<img id=\"roc-classifier\" alt=\"classifier ROC\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(rocClassifier)).append("\">\n</div>\n");

        h.append("<h2>Operating points</h2>\n<table id=\"operating-points\"><thead><tr><th>target</th><th>faces</th>")
                .append("<th>threshold</th><th>TNR</th><th>FNR</th><th>TNR detected</th><th>FNR detected</th></tr></thead><tbody>\n");
        for (SubsetMetrics s : List.of(a, b)) {
            String which = s == a ? "all" : "&ge; " + min + " px";
            op(h, "TNR &ge; 0.95", which, s.sweep().tnrTarget());
            op(h, "FNR &le; 0.02", which, s.sweep().fnrTarget());
            op(h, "TNR detected &ge; 0.95", which, s.sweep().tnrDetectedTarget());
            op(h, "FNR detected &le; 0.02", which, s.sweep().fnrDetectedTarget());
        }
        h.append("</tbody></table>\n<p class=\"muted\">TNR rises and FNR rises with the threshold: the lowest threshold")
                .append(" reaching the TNR target and the highest keeping the FNR target are shown. &ldquo;none&rdquo;: no")
                .append(" threshold reaches it (missed unmasked faces cap TNR at the detector's recall of them).</p>\n");

        h.append("<details><summary>Threshold sweep (all faces)</summary>\n<table id=\"sweep\"><thead><tr><th>threshold</th>")
                .append("<th>TNR</th><th>FNR</th><th>TNR detected</th><th>FNR detected</th><th>classifier TNR</th>")
                .append("<th>classifier FNR</th></tr></thead><tbody>\n");
        for (ThresholdSweep.Point p : a.sweep().points()) {
            if (Math.round(p.threshold() * 100) % 5 == 0) {
                h.append("<tr><td>").append(fmt(p.threshold())).append("</td><td>").append(pct(p.tnr())).append("</td><td>")
                        .append(pct(p.fnr())).append("</td><td>").append(pct(p.tnrDetected())).append("</td><td>")
                        .append(pct(p.fnrDetected())).append("</td><td>").append(pct(p.classifierTnr())).append("</td><td>")
                        .append(pct(p.classifierFnr())).append("</td></tr>\n");
            }
        }
        h.append("</tbody></table><p class=\"muted\">Every 0.01 in report.json.</p></details>\n");

        h.append("<h2>Worst mistakes</h2>\n<p class=\"muted\">Green: the annotated face; orange, dashed: the detection. Click a tile for the whole photo.</p>\n");
        int sec = 0;
        for (var s : gallery.entrySet()) {
            h.append("<h3>").append(esc(s.getKey())).append(" (").append(s.getValue().size()).append(" shown)</h3>\n")
                    .append("<div class=\"tiles\" id=\"gallery-").append(sec++).append("\">\n");
            for (Gallery.Tile t : s.getValue()) {
                h.append("<div class=\"tile\"><a href=\"").append(esc(t.photo())).append("\" title=\"the whole photo\">")
                        .append("<img alt=\"").append(esc(t.caption())).append("\" src=\"data:image/jpeg;base64,")
                        .append(Base64.getEncoder().encodeToString(t.jpeg())).append("\"></a>").append(esc(t.caption()))
                        .append("</div>\n");
            }
            if (s.getValue().isEmpty()) {
                h.append("<p>none</p>\n");
            }
            h.append("</div>\n");
        }
        if (!e.errors().isEmpty() || !e.warnings().isEmpty()) {
            h.append("<h2>Problems</h2>\n<ul>\n");
            e.errors().forEach(x -> h.append("<li>error: ").append(esc(x)).append("</li>\n"));
            e.warnings().forEach(x -> h.append("<li>warning: ").append(esc(x)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<p class=\"muted\">Also in this folder: report.json, faces.csv (one row per face and per spurious")
                .append(" detection), roc_pipeline.png, roc_classifier.png.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void pipelineTable(StringBuilder h, String id, String title, SubsetMetrics s) {
        PipelineMetrics p = s.pipeline();
        h.append("<h2>").append(title).append("</h2>\n<table id=\"").append(id).append("\"><thead><tr><th>class</th>")
                .append("<th>ground truth</th><th>identified, classified correctly</th><th>identified, classified wrongly</th>")
                .append("<th>not identified</th></tr></thead><tbody>\n");
        counts(h, "masked", p.masked());
        counts(h, "unmasked", p.unmasked());
        if (p.incorrect().total() > 0) {
            counts(h, "&nbsp;&nbsp;of which mask worn incorrectly", p.incorrect());
        }
        h.append("</tbody></table>\n<table><tbody>\n");
        h.append("<tr><td>TNR: unmasked faces classified unmasked / all unmasked faces</td><td>").append(pct(p.tnr())).append("</td></tr>\n");
        h.append("<tr><td>FNR: masked faces classified unmasked / all masked faces</td><td>").append(pct(p.fnr())).append("</td></tr>\n");
        h.append("<tr><td>TNR of detected faces</td><td>").append(pct(p.tnrDetected())).append("</td></tr>\n");
        h.append("<tr><td>FNR of detected faces</td><td>").append(pct(p.fnrDetected())).append("</td></tr>\n");
        h.append("<tr><td>pipeline ROC AUC</td><td>").append(fmt3(p.auc())).append("</td></tr>\n");
        h.append("</tbody></table>\n");
    }

    private static void confusionTable(StringBuilder h, String id, String title, ConfusionMatrix m) {
        boolean missed = m.anyMissed();
        h.append("<h3>").append(title).append("</h3>\n<table id=\"").append(id).append("\"><thead><tr><th>annotated \\ called</th>");
        for (Label p : ConfusionMatrix.ORDER) {
            h.append("<th>").append(p.json()).append("</th>");
        }
        if (missed) {
            h.append("<th>not found</th>");
        }
        h.append("<th>recall</th><th>not masked</th></tr></thead><tbody>\n");
        for (Label t : ConfusionMatrix.ORDER) {
            h.append("<tr><td>").append(t.json()).append(" (").append(m.total(t)).append(")</td>");
            for (Label p : ConfusionMatrix.ORDER) {
                h.append("<td>").append(m.count(t, p)).append("</td>");
            }
            if (missed) {
                h.append("<td>").append(m.missed(t)).append("</td>");
            }
            h.append("<td>").append(pct(m.recall(t))).append("</td><td>").append(pct(m.notMasked(t))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void counts(StringBuilder h, String name, ClassCounts c) {
        h.append("<tr><td>").append(name).append("</td><td>").append(c.total()).append("</td><td>").append(c.correct())
                .append("</td><td>").append(c.wrong()).append("</td><td>").append(c.missed()).append("</td></tr>\n");
    }

    /** Side by side, not coloured: the reference's numbers were measured on other photos. */
    private static void compare(StringBuilder h, String name, double ref, double all, double big) {
        h.append("<tr><td>").append(name).append("</td><td>").append(pct(ref)).append("</td><td>").append(pct(all))
                .append("</td><td>").append(pct(big)).append("</td></tr>\n");
    }

    private static void op(StringBuilder h, String target, String which, ThresholdSweep.Point p) {
        h.append("<tr><td>").append(target).append("</td><td>").append(which).append("</td>");
        if (p == null) {
            h.append("<td>none</td><td></td><td></td><td></td><td></td></tr>\n");
        } else {
            h.append("<td>").append(fmt(p.threshold())).append("</td><td>").append(pct(p.tnr())).append("</td><td>")
                    .append(pct(p.fnr())).append("</td><td>").append(pct(p.tnrDetected())).append("</td><td>")
                    .append(pct(p.fnrDetected())).append("</td></tr>\n");
        }
    }

    private static void row(StringBuilder h, String name, int a, int b) {
        h.append("<tr><td>").append(name).append("</td><td>").append(a).append("</td><td>").append(b).append("</td></tr>\n");
    }

    private static void rowPct(StringBuilder h, String name, double a, double b) {
        h.append("<tr><td>").append(name).append("</td><td>").append(pct(a)).append("</td><td>").append(pct(b)).append("</td></tr>\n");
    }

    private static void rowNum(StringBuilder h, String name, double a, double b) {
        h.append("<tr><td>").append(name).append("</td><td>").append(fmt3(a)).append("</td><td>").append(fmt3(b)).append("</td></tr>\n");
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmt3(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
