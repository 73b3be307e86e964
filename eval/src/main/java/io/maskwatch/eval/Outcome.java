package io.maskwatch.eval;

/** What became of a ground-truth face (or a detection that matched none). */
public enum Outcome {
    /** Detected and classified as its class. */
    CORRECT,
    /** Detected but classified as the other class. */
    WRONG,
    /** No detection with IoU > 0.5. */
    MISSED,
    /** A detection that matches no ground-truth face. */
    SPURIOUS;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
