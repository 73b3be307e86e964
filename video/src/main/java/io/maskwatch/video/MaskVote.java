package io.maskwatch.video;

import io.maskwatch.classify.MaskState;
import io.maskwatch.pipeline.Label;

/**
 * One person's mask evidence over the frames a track was seen in: the means of P(masked) and P(incorrect) weighted
 * by detection score and face size (a sharp 80 px face counts more than a blurred 15 px one). Immutable.
 */
public record MaskVote(int frames, double weight, double weightedP, double weightedIncorrect, double scoreSum,
                       double firstTime, double lastTime) {

    public static final MaskVote EMPTY = new MaskVote(0, 0, 0, 0, 0, Double.NaN, Double.NaN);
    /** Faces this big (shorter side, pixels) or bigger get full weight; smaller ones proportionally less. */
    static final double FULL_WEIGHT_SIZE = 48;

    /** Adds one frame's face: P(masked), P(incorrect) (0 from a two-class model), its detection score and size. */
    public MaskVote add(double maskProbability, double incorrectProbability, double score, double faceSize, double time) {
        double w = Math.max(1e-3, score) * Math.min(1, Math.max(0.1, faceSize / FULL_WEIGHT_SIZE));
        return new MaskVote(frames + 1, weight + w, weightedP + w * maskProbability,
                weightedIncorrect + w * incorrectProbability, scoreSum + score, frames == 0 ? time : firstTime, time);
    }

    /** The weighted mean P(masked); NaN before any frame. */
    public double probability() {
        return frames == 0 ? Double.NaN : weightedP / weight;
    }

    /** The weighted mean P(incorrect); NaN before any frame. */
    public double incorrectProbability() {
        return frames == 0 ? Double.NaN : weightedIncorrect / weight;
    }

    /** The mean detection score of the frames; NaN before any frame. */
    public double meanScore() {
        return frames == 0 ? Double.NaN : scoreSum / frames;
    }

    /**
     * "unknown" until {@code minFrames} frames over at least {@code minSeconds} with a mean detection score of at
     * least {@code minScore} (hair, hands and the back of a head come and go at low scores); then masked when the mean P(masked)
     * reaches the threshold, else the likelier of incorrect and unmasked by their means (the photo rule,
     * {@link io.maskwatch.pipeline.Label#of(io.maskwatch.classify.MaskState, double)}, on the track's means).
     */
    public TrackLabel label(TrackerConfig c, double threshold) {
        if (frames < c.minFrames() || lastTime - firstTime < c.minSeconds() || meanScore() < c.minScore()) {
            return TrackLabel.UNKNOWN;
        }
        double masked = probability();
        double incorrect = incorrectProbability();
        Label photoRule = Label.of(new MaskState((float) masked, (float) incorrect, (float) (1 - masked - incorrect)), threshold);
        return TrackLabel.valueOf(photoRule.name());
    }
}
