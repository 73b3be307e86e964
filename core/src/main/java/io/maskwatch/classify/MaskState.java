package io.maskwatch.classify;

/**
 * The classifier's three probabilities for one face: mask worn correctly (nose and mouth covered),
 * mask worn incorrectly (nose or mouth uncovered), no mask. They sum to 1; a two-class model gives
 * incorrect = 0.
 */
public record MaskState(float masked, float incorrect, float unmasked) {

    /** The mean of two answers for the same face (a crop and its mirror image). */
    public static MaskState mean(MaskState a, MaskState b) {
        return new MaskState((a.masked() + b.masked()) / 2, (a.incorrect() + b.incorrect()) / 2,
                (a.unmasked() + b.unmasked()) / 2);
    }

    /** From a two-class model's P(masked). */
    public static MaskState ofMasked(float pMasked) {
        return new MaskState(pMasked, 0f, 1f - pMasked);
    }
}
