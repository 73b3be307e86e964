package io.maskwatch.training;

import io.maskwatch.classify.MaskState;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.eval.ConfusionMatrix;
import io.maskwatch.pipeline.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Classifier-alone metrics on annotated faces at one threshold: binary figures on P(masked) for all
 * faces with INCORRECT counted as unmasked, the same without INCORRECT faces, INCORRECT apart, by face
 * size (shorter side &lt; 20, 20–40, &gt; 40 px), and the three-class confusion matrix (all faces and
 * faces of at least 20 px).
 */
public record FaceReport(String name, BinaryMetrics all, BinaryMetrics withoutIncorrect, int incorrect,
                         int incorrectCalledUnmasked, Map<String, BinaryMetrics> bySize, ConfusionMatrix confusion,
                         ConfusionMatrix confusionMin20) {

    /** Faces at least this large (shorter side) get their own confusion matrix, as the targets do. */
    public static final double CONFUSION_MIN_FACE = 20;

    public static FaceReport of(String name, List<MaskState> states, List<FaceClass> cls, List<Double> sizes,
                                double threshold) {
        float[] p = new float[states.size()];
        List<Label> called = new ArrayList<>(states.size());
        for (int i = 0; i < p.length; i++) {
            p[i] = states.get(i).masked();
            called.add(Label.of(states.get(i), threshold));
        }
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < p.length; i++) if (sizes.get(i) >= CONFUSION_MIN_FACE) big.add(i);
        ConfusionMatrix confusion = ConfusionMatrix.of(cls, called);
        ConfusionMatrix confusion20 = ConfusionMatrix.of(big.stream().map(cls::get).toList(), big.stream().map(called::get).toList());
        BinaryMetrics all = subset(p, cls, sizes, i -> true, threshold);
        BinaryMetrics without = subset(p, cls, sizes, i -> cls.get(i) != FaceClass.INCORRECT, threshold);
        int inc = 0;
        int incUnmasked = 0;
        for (int i = 0; i < p.length; i++) {
            if (cls.get(i) == FaceClass.INCORRECT) {
                inc++;
                if (p[i] < threshold) incUnmasked++;
            }
        }
        Map<String, BinaryMetrics> bySize = new LinkedHashMap<>();
        bySize.put("<20", subset(p, cls, sizes, i -> sizes.get(i) < 20, threshold));
        bySize.put("20-40", subset(p, cls, sizes, i -> sizes.get(i) >= 20 && sizes.get(i) <= 40, threshold));
        bySize.put(">40", subset(p, cls, sizes, i -> sizes.get(i) > 40, threshold));
        return new FaceReport(name, all, without, inc, incUnmasked, bySize, confusion, confusion20);
    }

    private static BinaryMetrics subset(float[] p, List<FaceClass> cls, List<Double> sizes, Predicate<Integer> keep,
                                        double threshold) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < p.length; i++) if (keep.test(i)) idx.add(i);
        float[] s = new float[idx.size()];
        boolean[] m = new boolean[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            s[k] = p[idx.get(k)];
            m[k] = cls.get(idx.get(k)) == FaceClass.MASKED;
        }
        return BinaryMetrics.of(s, m, threshold);
    }

    /** Markdown table rows: subset | faces | masked | accuracy | AUC | TPR | TNR. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(name).append(" | faces | masked | accuracy | AUC | masked → masked | unmasked → unmasked |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        row(sb, "all (incorrect = unmasked)", all);
        if (incorrect > 0) {
            row(sb, "without incorrect", withoutIncorrect);
        }
        bySize.forEach((k, v) -> row(sb, "face " + k + " px", v));
        if (incorrect > 0) {
            sb.append(String.format(Locale.ROOT, "\nmask_weared_incorrect: %d faces, %d (%.1f%%) not called masked, %d (%.1f%%) called incorrect.%n",
                    incorrect, incorrectCalledUnmasked, 100.0 * incorrectCalledUnmasked / incorrect,
                    confusion.count(Label.INCORRECT, Label.INCORRECT), 100 * confusion.recall(Label.INCORRECT)));
        }
        sb.append("\nThree classes, all faces:\n\n").append(confusion.markdown());
        sb.append(String.format(Locale.ROOT, "%nThree classes, faces >= %.0f px:%n%n", CONFUSION_MIN_FACE)).append(confusionMin20.markdown());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, BinaryMetrics m) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s |%n", label, m.n(), m.positives(),
                pct(m.accuracy()), num(m.auc()), pct(m.tpr()), pct(m.tnr())));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }
}
