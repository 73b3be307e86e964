package io.maskwatch.training;

import io.maskwatch.eval.Roc;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Accuracy and ROC AUC of P(masked) scores against labels (masked = positive).
 *
 * @param n         faces
 * @param positives masked faces
 * @param accuracy  at the threshold (score ≥ threshold means masked)
 * @param auc       area under the ROC curve, ties counted half
 * @param tpr       masked faces called masked
 * @param tnr       unmasked faces called unmasked
 * @param threshold the threshold used
 */
public record BinaryMetrics(int n, int positives, double accuracy, double auc, double tpr, double tnr, double threshold) {

    public static BinaryMetrics of(float[] scores, boolean[] masked, double threshold) {
        int n = scores.length;
        int pos = 0;
        int tp = 0;
        int tn = 0;
        for (int i = 0; i < n; i++) {
            boolean call = scores[i] >= threshold;
            if (masked[i]) {
                pos++;
                if (call) tp++;
            } else if (!call) {
                tn++;
            }
        }
        int neg = n - pos;
        return new BinaryMetrics(n, pos, n == 0 ? Double.NaN : (tp + tn) / (double) n, auc(scores, masked),
                pos == 0 ? Double.NaN : tp / (double) pos, neg == 0 ? Double.NaN : tn / (double) neg, threshold);
    }

    /** ROC AUC, computed by the one ROC of the evaluation ({@link Roc}). */
    public static double auc(float[] scores, boolean[] masked) {
        double[] d = new double[scores.length];
        for (int i = 0; i < d.length; i++) d[i] = scores[i];
        return Roc.of(d, masked).auc();
    }

    /**
     * The threshold with the best balanced accuracy ((TPR + TNR) / 2), so the rarer class is not
     * sacrificed; among equals, the one nearest 0.5.
     */
    public static double bestThreshold(float[] scores, boolean[] masked) {
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        int pos = 0;
        for (boolean m : masked) if (m) pos++;
        int neg = n - pos;
        if (pos == 0 || neg == 0) return 0.5;
        double best = 0.5;
        double bestScore = -1;
        int negBelow = 0; // unmasked faces below the threshold (called unmasked)
        int posBelow = 0;
        for (int i = 0; i <= n; i++) {
            if (i > 0 && i < n && scores[order[i - 1]] == scores[order[i]]) {
                if (masked[order[i - 1]]) posBelow++; else negBelow++;
                continue;
            }
            if (i > 0) {
                if (masked[order[i - 1]]) posBelow++; else negBelow++;
            }
            double t = i == 0 ? scores[order[0]] / 2.0 : i == n ? (1 + scores[order[n - 1]]) / 2.0
                    : (scores[order[i - 1]] + scores[order[i]]) / 2.0;
            double s = ((pos - posBelow) / (double) pos + negBelow / (double) neg) / 2;
            if (s > bestScore + 1e-12 || (Math.abs(s - bestScore) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
                bestScore = s;
                best = t;
            }
        }
        return best;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "acc %.4f auc %.4f tpr %.3f tnr %.3f (n=%d, masked %d, t=%.3f)",
                accuracy, auc, tpr, tnr, n, positives, threshold);
    }
}
