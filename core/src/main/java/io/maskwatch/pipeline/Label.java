package io.maskwatch.pipeline;

/** The classifier's decision for one face. */
public enum Label {
    MASKED, UNMASKED;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Label of(double maskProbability, double threshold) {
        return maskProbability >= threshold ? MASKED : UNMASKED;
    }
}
