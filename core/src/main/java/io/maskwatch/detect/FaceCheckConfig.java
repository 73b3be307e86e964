package io.maskwatch.detect;

/**
 * How {@link CheckedDetector} uses the face check's answers. A candidate is kept when
 * <ul>
 *   <li>the detector's score is at least {@code sureScore} (the check cannot veto a sure face), or</li>
 *   <li>the score is at least the detector's confidence and P(face) at least {@code minProbability}, or</li>
 *   <li>the score is at least {@code rescueScore} and P(face) at least {@code rescueProbability} (faces the detector
 *       was unsure of, mostly masked ones, that the check is sure of).</li>
 * </ul>
 * With {@code wholeFace} a kept face gets the check's whole-face box (the detector's landmarks stay).
 * docs/detection.md has the measurements behind the defaults.
 *
 * @param enabled false: the detector's faces as they are
 */
public record FaceCheckConfig(boolean enabled, double sureScore, double minProbability, double rescueScore,
                              double rescueProbability, boolean wholeFace) {

    public static final FaceCheckConfig DEFAULT = new FaceCheckConfig(true, 0.8, 0.05, 0.45, 0.9, true);
    public static final FaceCheckConfig OFF = new FaceCheckConfig(false, 1, 0, 0.99, 1, false);

    public FaceCheckConfig {
        check("sure score", sureScore);
        check("min probability", minProbability);
        check("rescue score", rescueScore);
        check("rescue probability", rescueProbability);
        if (rescueScore <= 0) {
            throw new IllegalArgumentException("rescue score must be > 0: " + rescueScore);
        }
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + v);
        }
    }

    /** Whether a candidate with detector score {@code score} and P(face) {@code p} is kept, at detector confidence {@code confidence}. */
    public boolean keeps(double score, double p, double confidence) {
        return score >= sureScore || (score >= confidence && p >= minProbability)
                || (score >= rescueScore && p >= rescueProbability);
    }
}
