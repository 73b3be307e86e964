package io.maskwatch.dataset;

/**
 * The class of an annotated face. {@link #INCORRECT} (a mask worn below the nose, Kaggle's
 * {@code mask_weared_incorrect}) is kept apart so reports can show it separately; for binary
 * metrics a {@link LabelMap} decides whether it counts as masked or unmasked.
 */
public enum FaceClass {
    MASKED, UNMASKED, INCORRECT;

    /** Lower-case name used in files and reports: masked, unmasked, incorrect. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses masked / unmasked / incorrect (case-insensitive). */
    public static FaceClass parse(String s) {
        for (FaceClass c : values()) {
            if (c.key().equalsIgnoreCase(s.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown face class '" + s + "' (expected masked, unmasked or incorrect)");
    }
}
