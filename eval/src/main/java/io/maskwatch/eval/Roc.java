package io.maskwatch.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A ROC curve (positive class: masked) and its area. Each point is "score ≥ threshold means
 * positive"; tied scores move together, so the area equals the Mann-Whitney statistic with ties
 * counted one half. The area is NaN when either class is absent.
 */
public record Roc(List<Point> points, double auc, int positives, int negatives) {

    public record Point(double threshold, double fpr, double tpr) {
    }

    public Roc {
        points = List.copyOf(points);
    }

    public static Roc of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("NaN score at " + i);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int pos = 0;
        for (boolean b : positive) {
            pos += b ? 1 : 0;
        }
        int neg = n - pos;
        List<Point> pts = new ArrayList<>();
        pts.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
        double auc = 0;
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < n) {
            double s = scores[order[i]];
            int prevTp = tp;
            int prevFp = fp;
            while (i < n && scores[order[i]] == s) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            // trapezoid between the previous point and this one
            auc += (fp - prevFp) * (tp + prevTp) / 2.0;
            pts.add(new Point(s, neg == 0 ? 0 : (double) fp / neg, pos == 0 ? 0 : (double) tp / pos));
        }
        double area = pos == 0 || neg == 0 ? Double.NaN : auc / ((double) pos * neg);
        return new Roc(pts, area, pos, neg);
    }
}
