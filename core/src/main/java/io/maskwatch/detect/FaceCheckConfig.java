package io.maskwatch.detect;

/**
 * How {@link CheckedDetector} uses the face check's answers. A candidate is kept when
 * <ul>
 *   <li>the detector's score is at least {@code sureScore} (the check cannot veto a sure face), or</li>
 *   <li>the score is at least the detector's confidence and P(face) at least {@code minProbability}, or</li>
 *   <li>the score is at least {@code rescueScore} and P(face) at least {@code rescueProbability} (faces the detector
 *       was unsure of, mostly masked ones, that the check is sure of).</li>
 * </ul>
 * A kept face takes the check's whole-face box when the two overlap by less than {@code moveBelowIou}: a box that far
 * from the whole face is off (YuNet's half boxes of masked faces overlap the whole face by IoU 0.3-0.6, and a face
 * counts as found from 0.5), and at or above it the check would only fine-tune boxes that are good already (0: never
 * move, 1: always). The detector's landmarks stay.
 * docs/detection.md has the measurements behind the defaults.
 *
 * @param enabled       false: the detector's faces as they are
 * @param boxLooks      how many times the check answers the whole face's box: 1, from the candidate's crop; 2, it
 *                      also looks at the crop around its first answer (a half box's crop is centred too high and
 *                      holds only part of the chin, the second is centred on the face), and the whole face is the
 *                      mean of the two answers (the second alone overshoots on as many faces as it mends)
 */
public record FaceCheckConfig(boolean enabled, double sureScore, double minProbability, double rescueScore,
                              double rescueProbability, double moveBelowIou, int boxLooks) {

    public static final FaceCheckConfig DEFAULT = new FaceCheckConfig(true, 0.8, 0.2, 0.45, 0.9, 0.7, 2);
    public static final FaceCheckConfig OFF = new FaceCheckConfig(false, 1, 0, 0.99, 1, 0, 1);

    public FaceCheckConfig {
        check("sure score", sureScore);
        check("min probability", minProbability);
        check("rescue score", rescueScore);
        check("rescue probability", rescueProbability);
        check("move-below IoU", moveBelowIou);
        if (rescueScore <= 0) {
            throw new IllegalArgumentException("rescue score must be > 0: " + rescueScore);
        }
        if (boxLooks < 1 || boxLooks > 2) {
            throw new IllegalArgumentException("box looks must be 1 or 2: " + boxLooks);
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

    /** The box a kept face gets: the whole face when the candidate's box is that far from it, else its own. */
    public Box boxFor(Box candidate, Box wholeFace) {
        return candidate.iou(wholeFace) < moveBelowIou ? wholeFace : candidate;
    }
}
