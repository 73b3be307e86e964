package io.maskwatch.eval;

import io.maskwatch.detect.Box;
import java.util.Locale;

/**
 * faces.csv: one row per ground-truth face and one per spurious detection: image, kind, label, class,
 * box, size, the matched detection's box, IoU, how many detections matched, detection score,
 * P(masked) of the pipeline, P(masked) of the classifier on the ground-truth box, outcome.
 */
public final class FacesCsv {

    public static final String HEADER = "image,kind,label,class,x1,y1,x2,y2,size,matched_x1,matched_y1,matched_x2,"
            + "matched_y2,iou,detections_matched,score,p_masked,classifier_p_masked,outcome";

    private FacesCsv() {
    }

    public static String toCsv(Evaluation e) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (FaceRow r : e.faceRows()) {
            sb.append(field(r.image())).append(",face,").append(field(r.face().rawLabel())).append(',')
                    .append(r.face().cls().key()).append(',');
            box(sb, r.face().box());
            sb.append(num(r.face().size())).append(',');
            if (r.detection() != null) {
                box(sb, r.detection().box());
                sb.append(num(r.iou())).append(',').append(r.candidates()).append(',')
                        .append(num(r.detection().score())).append(',').append(num(r.detection().maskProbability()));
            } else {
                sb.append(",,,,,0,,");
            }
            sb.append(',').append(Double.isNaN(r.classifierProbability()) ? "" : num(r.classifierProbability()))
                    .append(',').append(r.outcome().key()).append('\n');
        }
        for (DetectionRow d : e.spurious()) {
            sb.append(field(d.image())).append(",detection,,,");
            box(sb, d.detection().box());
            sb.append(num(d.detection().size())).append(",,,,,,,").append(num(d.detection().score())).append(',')
                    .append(num(d.detection().maskProbability())).append(",,").append(Outcome.SPURIOUS.key()).append('\n');
        }
        return sb.toString();
    }

    private static void box(StringBuilder sb, Box b) {
        sb.append(num(b.x1())).append(',').append(num(b.y1())).append(',').append(num(b.x2())).append(',')
                .append(num(b.y2())).append(',');
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
    }

    static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
