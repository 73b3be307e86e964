package io.maskwatch.pipeline;

import io.maskwatch.classify.MaskState;

/**
 * The classifier's decision for one face: mask worn correctly, mask worn incorrectly (nose or mouth
 * uncovered), no mask. For binary decisions (alerts, TNR / FNR) INCORRECT counts as not masked.
 */
public enum Label {
    MASKED, INCORRECT, UNMASKED;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses masked / incorrect / unmasked (case-insensitive). */
    public static Label parse(String s) {
        for (Label l : values()) {
            if (l.json().equalsIgnoreCase(s.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown label '" + s + "' (expected masked, incorrect or unmasked)");
    }

    /** True for the faces an alert is about: INCORRECT and UNMASKED. */
    public boolean notMasked() {
        return this != MASKED;
    }

    /**
     * Masked when P(masked) reaches the threshold (so the binary decision is the same as a two-class
     * model's at that threshold); otherwise the likelier of incorrect and unmasked.
     */
    public static Label of(MaskState p, double threshold) {
        if (p.masked() >= threshold) {
            return MASKED;
        }
        return p.incorrect() > p.unmasked() ? INCORRECT : UNMASKED;
    }

    /** The two-class decision on P(masked) alone. */
    public static Label of(double maskProbability, double threshold) {
        return maskProbability >= threshold ? MASKED : UNMASKED;
    }
}
