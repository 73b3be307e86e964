package io.maskwatch.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The report's detector breakdown ({@link DetectorBreakdown}) as HTML sections and as the
 * {@code detector_breakdown} object of report.json. Kept apart from {@link ReportHtml} and {@link ReportJson}.
 */
public final class DetectorSections {

    private DetectorSections() {
    }

    /** The breakdown of an evaluation, with the ignore list of its set (by the set folder's name). */
    public static DetectorBreakdown breakdown(Evaluation e) {
        return DetectorBreakdown.of(e, UnannotatedFaces.forSet(setName(e.dataset())));
    }

    static String setName(String dataset) {
        Path p = Path.of(dataset).normalize().getFileName();
        return p == null ? dataset : p.toString();
    }

    public static void html(StringBuilder h, DetectorBreakdown b) {
        h.append("<h2>Detector in detail (all faces)</h2>\n<table id=\"intervals\"><thead><tr><th>metric</th>")
                .append("<th>value</th><th>95% interval (Wilson)</th><th>count</th></tr></thead><tbody>\n");
        interval(h, "detector recall", b.recall());
        interval(h, "TNR (unmasked faces caught)", b.tnr());
        interval(h, "FNR (masked faces called unmasked)", b.fnr());
        h.append("</tbody></table>\n");

        h.append("<table id=\"spurious-split\"><tbody>\n<tr><td>spurious detections (IoU &le; 0.5 with every")
                .append(" annotated face)</td><td>").append(b.spurious()).append("</td></tr>\n")
                .append("<tr><td>&nbsp;&nbsp;on real faces nobody annotated (ignore list)</td><td>")
                .append(b.spuriousUnannotatedFaces()).append("</td></tr>\n")
                .append("<tr><td>&nbsp;&nbsp;not faces: false alarms</td><td>").append(b.spuriousNonFaces())
                .append("</td></tr>\n<tr><td>found but box mismatched (missed at IoU 0.5, a detection at IoU 0.3&ndash;0.5)")
                .append("</td><td>").append(b.mismatched().size()).append("</td></tr>\n</tbody></table>\n");
        h.append("<p class=\"muted\" id=\"ignore-list\">");
        if (b.ignoreListBoxes() > 0) {
            h.append("This set has an ignore list of ").append(b.ignoreListBoxes()).append(" boxes: real faces")
                    .append(" nobody annotated, each checked by eye and given a one-word reason (in the source, ")
                    .append("io/maskwatch/eval/unannotated-faces/). A spurious detection on one of them still counts as")
                    .append(" spurious above and in every other table; here it is counted apart.");
        } else {
            h.append("This set has no ignore list of unannotated faces: every spurious detection counts as a false alarm.");
        }
        h.append(" Mismatched faces are also counted as missed, and their detections as spurious.</p>\n");

        h.append("<h3>Recall by face size and class</h3>\n<table id=\"recall-by-size\"><thead><tr><th>size")
                .append(" (shorter side)</th><th>masked</th><th>unmasked</th><th>all</th></tr></thead><tbody>\n");
        for (DetectorBreakdown.SizeClassRecall r : b.bySize()) {
            h.append("<tr><td>").append(r.bucket()).append("</td><td>").append(cell(r.masked())).append("</td><td>")
                    .append(cell(r.unmasked())).append("</td><td>").append(cell(r.all())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<p class=\"muted\">found / faces, recall, and its 95% Wilson interval.</p>\n");

        DetectorBreakdown.Confusion c = b.confusion();
        h.append("<h3>Confusion matrix with spurious detections</h3>\n<table id=\"confusion-spurious\"><thead><tr>")
                .append("<th>what was there</th><th>called masked</th><th>called unmasked</th><th>not found</th>")
                .append("</tr></thead><tbody>\n")
                .append("<tr><td>masked face</td><td>").append(c.maskedAsMasked()).append("</td><td>")
                .append(c.maskedAsUnmasked()).append("</td><td>").append(c.maskedMissed()).append("</td></tr>\n")
                .append("<tr><td>unmasked face</td><td>").append(c.unmaskedAsMasked()).append("</td><td>")
                .append(c.unmaskedAsUnmasked()).append("</td><td>").append(c.unmaskedMissed()).append("</td></tr>\n")
                .append("<tr><td>unannotated real face (ignore list)</td><td>").append(c.unannotatedAsMasked())
                .append("</td><td>").append(c.unannotatedAsUnmasked()).append("</td><td></td></tr>\n")
                .append("<tr><td>no face</td><td>").append(c.noFaceAsMasked()).append("</td><td>")
                .append(c.noFaceAsUnmasked()).append("</td><td></td></tr>\n</tbody></table>\n")
                .append("<p class=\"muted\">A non-face called unmasked is a false alarm a user sees; called masked, it is")
                .append(" drawn but raises no alarm.</p>\n");

        h.append("<h3>Precision&ndash;recall over the detection score</h3>\n");
        prSvg(h, b.prCurve());
        h.append("<p class=\"muted\">Each point: the detections scoring at least s. Recall: faces with such a")
                .append(" detection at IoU &gt; 0.5; precision: such detections on an annotated face. The curve ends at")
                .append(" the detector's confidence threshold (nothing below it is reported).</p>\n");
    }

    private static void interval(StringBuilder h, String name, Wilson w) {
        h.append("<tr><td>").append(name).append("</td><td>").append(ReportHtml.pct(w.value())).append("</td><td>")
                .append(range(w)).append("</td><td>").append(w.k()).append(" / ").append(w.n()).append("</td></tr>\n");
    }

    private static String cell(Wilson w) {
        return w.n() == 0 ? "&ndash;" : w.k() + " / " + w.n() + ": " + ReportHtml.pct(w.value()) + " (" + range(w) + ")";
    }

    static String range(Wilson w) {
        return w.n() == 0 ? "&ndash;" : ReportHtml.pct(w.low()) + "&ndash;" + ReportHtml.pct(w.high());
    }

    /** An inline SVG plot (no script, no external file): recall on x, precision on y. */
    private static void prSvg(StringBuilder h, List<DetectorBreakdown.PrPoint> pts) {
        int w = 420, ht = 320, left = 50, bottom = 40, top = 10, right = 10;
        double pw = w - left - right, ph = ht - top - bottom;
        h.append("<svg id=\"pr-curve\" width=\"").append(w).append("\" height=\"").append(ht)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(ht)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\" font-family=\"sans-serif\">\n")
                .append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append((int) pw)
                .append("\" height=\"").append((int) ph).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int k = 0; k <= 10; k += 2) {
            double v = k / 10.0;
            double x = left + v * pw;
            double y = top + (1 - v) * ph;
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>", x,
                    ht - bottom + 14, v));
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n",
                    left - 4, y + 4, v));
        }
        h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">recall</text>",
                left + pw / 2, ht - 6));
        h.append(String.format(Locale.ROOT,
                "<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 12 %.1f)\">precision</text>%n",
                top + ph / 2, top + ph / 2));
        if (!pts.isEmpty()) {
            StringBuilder poly = new StringBuilder();
            for (DetectorBreakdown.PrPoint p : pts) {
                poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + p.recall() * pw,
                        top + (1 - p.precision()) * ph));
            }
            h.append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"")
                    .append(poly.toString().trim()).append("\"/>\n");
        }
        h.append("</svg>\n");
    }

    public static void json(ObjectNode root, DetectorBreakdown b) {
        ObjectNode o = root.putObject("detector_breakdown");
        wilson(o.putObject("recall"), b.recall());
        wilson(o.putObject("tnr"), b.tnr());
        wilson(o.putObject("fnr"), b.fnr());
        o.put("spurious", b.spurious());
        o.put("spurious_unannotated_faces", b.spuriousUnannotatedFaces());
        o.put("spurious_non_faces", b.spuriousNonFaces());
        o.put("ignore_list_boxes", b.ignoreListBoxes());
        o.put("found_box_mismatched", b.mismatched().size());
        ArrayNode sizes = o.putArray("recall_by_size");
        for (DetectorBreakdown.SizeClassRecall r : b.bySize()) {
            ObjectNode s = sizes.addObject();
            s.put("from_px", r.from());
            if (r.to() != Double.POSITIVE_INFINITY) {
                s.put("to_px", r.to());
            }
            wilson(s.putObject("masked"), r.masked());
            wilson(s.putObject("unmasked"), r.unmasked());
            wilson(s.putObject("all"), r.all());
        }
        DetectorBreakdown.Confusion c = b.confusion();
        ObjectNode cm = o.putObject("confusion_with_spurious");
        cm.putArray("masked").add(c.maskedAsMasked()).add(c.maskedAsUnmasked()).add(c.maskedMissed());
        cm.putArray("unmasked").add(c.unmaskedAsMasked()).add(c.unmaskedAsUnmasked()).add(c.unmaskedMissed());
        cm.putArray("unannotated_face").add(c.unannotatedAsMasked()).add(c.unannotatedAsUnmasked());
        cm.putArray("no_face").add(c.noFaceAsMasked()).add(c.noFaceAsUnmasked());
        cm.put("columns", "called masked, called unmasked, not found");
        ArrayNode pr = o.putArray("precision_recall");
        for (DetectorBreakdown.PrPoint p : b.prCurve()) {
            pr.addObject().put("score", p.score()).put("precision", p.precision()).put("recall", p.recall());
        }
    }

    private static void wilson(ObjectNode o, Wilson w) {
        o.put("k", w.k());
        o.put("n", w.n());
        if (w.n() > 0) {
            o.put("value", w.value());
            o.put("low95", w.low());
            o.put("high95", w.high());
        }
    }
}
