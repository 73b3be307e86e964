package io.maskwatch.eval;

import io.maskwatch.dataset.FaceClass;
import io.maskwatch.pipeline.Label;
import java.util.List;
import java.util.Locale;

/**
 * Three-class confusion counts: rows are the annotated class (masked, incorrect, unmasked), columns
 * the label given (masked, incorrect, unmasked) and, for the pipeline, faces it did not find.
 * Recall of a class = its row's diagonal / its row's total (missed faces count against it).
 */
public record ConfusionMatrix(int[][] counts, int[] missed) {

    /** Row and column order. */
    public static final List<Label> ORDER = List.of(Label.MASKED, Label.INCORRECT, Label.UNMASKED);

    public ConfusionMatrix {
        int[][] c = new int[ORDER.size()][];
        for (int i = 0; i < c.length; i++) c[i] = counts[i].clone();
        counts = c;
        missed = missed.clone();
    }

    /**
     * @param truth     annotated class of each face
     * @param predicted the label given to it; null when the face was not found
     */
    public static ConfusionMatrix of(List<FaceClass> truth, List<Label> predicted) {
        if (truth.size() != predicted.size()) throw new IllegalArgumentException("truth and predictions differ in length");
        int[][] c = new int[ORDER.size()][ORDER.size()];
        int[] missed = new int[ORDER.size()];
        for (int i = 0; i < truth.size(); i++) {
            int t = ORDER.indexOf(label(truth.get(i)));
            Label p = predicted.get(i);
            if (p == null) {
                missed[t]++;
            } else {
                c[t][ORDER.indexOf(p)]++;
            }
        }
        return new ConfusionMatrix(c, missed);
    }

    /** The label that means the annotated class. */
    public static Label label(FaceClass c) {
        return Label.parse(c.key());
    }

    public int count(Label truth, Label predicted) {
        return counts[ORDER.indexOf(truth)][ORDER.indexOf(predicted)];
    }

    public int missed(Label truth) {
        return missed[ORDER.indexOf(truth)];
    }

    /** Faces annotated as {@code truth}, found or not. */
    public int total(Label truth) {
        int t = ORDER.indexOf(truth);
        int n = missed[t];
        for (int v : counts[t]) n += v;
        return n;
    }

    /** Share of {@code truth} faces labelled {@code truth}; NaN when there are none. */
    public double recall(Label truth) {
        int n = total(truth);
        return n == 0 ? Double.NaN : count(truth, truth) / (double) n;
    }

    /** Share of {@code truth} faces given a label that is not masked (incorrect or unmasked). */
    public double notMasked(Label truth) {
        int n = total(truth);
        return n == 0 ? Double.NaN : (count(truth, Label.INCORRECT) + count(truth, Label.UNMASKED)) / (double) n;
    }

    public boolean anyMissed() {
        for (int m : missed) if (m > 0) return true;
        return false;
    }

    /** A Markdown table: annotated class down, label given across, with recall. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| annotated \\ called | masked | incorrect | unmasked |");
        if (anyMissed()) sb.append(" not found |");
        sb.append(" recall |\n|---|---:|---:|---:|");
        if (anyMissed()) sb.append("---:|");
        sb.append("---:|\n");
        for (Label t : ORDER) {
            sb.append("| ").append(t.json());
            for (Label p : ORDER) sb.append(" | ").append(count(t, p));
            if (anyMissed()) sb.append(" | ").append(missed(t));
            double r = recall(t);
            sb.append(" | ").append(Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * r)).append(" |\n");
        }
        return sb.toString();
    }
}
