package io.maskwatch.eval;

import io.maskwatch.dataset.GroundTruthFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detector average precision over detection scores, PASCAL VOC style (all-point interpolation):
 * detections of all photos in descending score; each takes the unmatched face it overlaps most
 * (IoU > 0.5) as a true positive, else it is a false positive (a duplicate on a face already taken
 * counts as a false positive here, unlike the reference's counting of spurious faces).
 * With a minimum face size, faces under it are "ignored": a detection on one of them, or a detection
 * under the size that matches nothing, is neither a true nor a false positive.
 */
public final class AveragePrecision {

    private AveragePrecision() {
    }

    public static double of(List<ImageRun> runs, double minFace) {
        record Scored(int image, Prediction p) {
        }
        List<Scored> all = new ArrayList<>();
        int positives = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (Prediction p : runs.get(i).detections()) {
                all.add(new Scored(i, p));
            }
            for (GroundTruthFace f : runs.get(i).image().faces()) {
                positives += f.size() >= minFace ? 1 : 0;
            }
        }
        if (positives == 0) {
            return Double.NaN;
        }
        all.sort(Comparator.comparingDouble((Scored s) -> s.p().score()).reversed());
        List<boolean[]> taken = new ArrayList<>();
        for (ImageRun r : runs) {
            taken.add(new boolean[r.image().faces().size()]);
        }
        List<Boolean> tpSeq = new ArrayList<>();
        for (Scored s : all) {
            List<GroundTruthFace> faces = runs.get(s.image()).image().faces();
            boolean[] used = taken.get(s.image());
            int best = -1;
            double bestIou = Matching.IOU_THRESHOLD;
            boolean touchesIgnored = false;
            boolean touchesTaken = false;
            for (int g = 0; g < faces.size(); g++) {
                double iou = faces.get(g).box().iou(s.p().box());
                if (!(iou > Matching.IOU_THRESHOLD)) {
                    continue;
                }
                if (faces.get(g).size() < minFace) {
                    touchesIgnored = true;
                } else if (used[g]) {
                    touchesTaken = true;
                } else if (iou > bestIou || best < 0) {
                    best = g;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                used[best] = true;
                tpSeq.add(true);
            } else if (touchesTaken) {
                tpSeq.add(false);
            } else if (touchesIgnored || s.p().size() < minFace) {
                continue; // neither right nor wrong at this size
            } else {
                tpSeq.add(false);
            }
        }
        // precision / recall along the ranking, then the area under the monotone precision envelope
        int n = tpSeq.size();
        double[] prec = new double[n];
        double[] rec = new double[n];
        int tp = 0;
        for (int k = 0; k < n; k++) {
            tp += tpSeq.get(k) ? 1 : 0;
            prec[k] = tp / (double) (k + 1);
            rec[k] = tp / (double) positives;
        }
        for (int k = n - 2; k >= 0; k--) {
            prec[k] = Math.max(prec[k], prec[k + 1]);
        }
        double ap = 0;
        double prevRec = 0;
        for (int k = 0; k < n; k++) {
            ap += (rec[k] - prevRec) * prec[k];
            prevRec = rec[k];
        }
        return ap;
    }
}
