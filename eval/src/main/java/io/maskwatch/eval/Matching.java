package io.maskwatch.eval;

import io.maskwatch.dataset.GroundTruthFace;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's matching rule. A ground-truth face matches every detection with IoU > 0.5 (strictly);
 * when several match, the one with the lowest P(masked) counts (ties: the higher IoU, then the
 * earlier detection). A detection that matches no face is spurious. A detection may match more than
 * one face (it is then counted for each), as in the reference.
 */
public final class Matching {

    public static final double IOU_THRESHOLD = 0.5;

    private Matching() {
    }

    /** One face's match: index of the detection that counts (-1 when missed), its IoU, and how many matched. */
    public record Match(int detection, double iou, int candidates) {
    }

    /** The match of each face, in order. */
    public static List<Match> matchFaces(List<GroundTruthFace> faces, List<Prediction> detections) {
        List<Match> out = new ArrayList<>(faces.size());
        for (GroundTruthFace f : faces) {
            int best = -1;
            double bestIou = 0;
            int n = 0;
            for (int d = 0; d < detections.size(); d++) {
                Prediction p = detections.get(d);
                double iou = f.box().iou(p.box());
                if (!(iou > IOU_THRESHOLD)) {
                    continue;
                }
                n++;
                if (best < 0 || p.maskProbability() < detections.get(best).maskProbability()
                        || (p.maskProbability() == detections.get(best).maskProbability() && iou > bestIou)) {
                    best = d;
                    bestIou = iou;
                }
            }
            out.add(new Match(best, best < 0 ? 0 : bestIou, n));
        }
        return out;
    }

    /** For each detection, the size of the largest face it matches, NaN when none (spurious). */
    public static double[] largestMatchedFace(List<GroundTruthFace> faces, List<Prediction> detections) {
        double[] out = new double[detections.size()];
        for (int d = 0; d < detections.size(); d++) {
            double largest = Double.NaN;
            for (GroundTruthFace f : faces) {
                if (f.box().iou(detections.get(d).box()) > IOU_THRESHOLD) {
                    largest = Double.isNaN(largest) ? f.size() : Math.max(largest, f.size());
                }
            }
            out[d] = largest;
        }
        return out;
    }
}
