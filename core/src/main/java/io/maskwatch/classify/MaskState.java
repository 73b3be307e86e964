package io.maskwatch.classify;

/**
 * The classifier's three probabilities for one face: mask worn correctly (nose and mouth covered),
 * mask worn incorrectly (nose or mouth uncovered), no mask. They sum to 1; a two-class model gives
 * incorrect = 0.
 */
public record MaskState(float masked, float incorrect, float unmasked) {

    /** From a two-class model's P(masked). */
    public static MaskState ofMasked(float pMasked) {
        return new MaskState(pMasked, 0f, 1f - pMasked);
    }
}
