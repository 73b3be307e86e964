package io.maskwatch.eval;

/**
 * One detection after matching. {@code largestMatchedFace} is the size of the largest ground-truth
 * face it overlaps with IoU > 0.5, or NaN when it matches none (then it is spurious).
 */
public record DetectionRow(String image, Prediction detection, double largestMatchedFace) {

    public boolean spurious() {
        return Double.isNaN(largestMatchedFace);
    }
}
