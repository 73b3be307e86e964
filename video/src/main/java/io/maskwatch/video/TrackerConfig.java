package io.maskwatch.video;

/**
 * Tracking and per-person decision settings, validated up front.
 *
 * @param matchIou       a detection continues a track when the IoU with the track's predicted box is at least this
 * @param maxLostSeconds a track not seen for longer than this (seconds of analysed video) ends
 * @param minHits        detections a track needs before it is reported (track_start): one-frame false faces never are
 * @param minFrames      frames of evidence before a track gets a label other than "unknown" (and may alert)
 * @param minSeconds     seconds a track must have been seen over before it may be judged
 * @param minScore       the mean detection score a track needs before it is judged
 * @param threshold      mean P(masked) at or above this is masked, below it is "not masked" (alert);
 *                       NaN means the classifier's calibrated threshold
 * @param sceneCut       mean absolute grey-level change (0..255) between analysed frames taken as a cut, which ends
 *                       every track (0 = never); a fixed camera has no cuts, an edited file does
 */
public record TrackerConfig(double matchIou, double maxLostSeconds, int minHits, int minFrames, double minSeconds,
                            double minScore, double threshold, double sceneCut) {

    public static final TrackerConfig DEFAULT = new TrackerConfig(0.3, 1.0, 2, 3, 0.0, 0.75, Double.NaN, 40);

    public TrackerConfig {
        check(matchIou > 0 && matchIou <= 1, "match IoU must be in (0, 1]: " + matchIou);
        check(maxLostSeconds >= 0, "max lost seconds must be >= 0: " + maxLostSeconds);
        check(minHits >= 1, "min hits must be >= 1: " + minHits);
        check(minFrames >= 1, "--alert-frames must be >= 1: " + minFrames);
        check(minSeconds >= 0, "--alert-seconds must be >= 0: " + minSeconds);
        check(minScore >= 0 && minScore <= 1, "--alert-score must be in [0, 1]: " + minScore);
        check(Double.isNaN(threshold) || (threshold >= 0 && threshold <= 1), "--threshold must be in [0, 1]: " + threshold);
        check(sceneCut >= 0 && sceneCut <= 255, "--scene-cut must be in [0, 255]: " + sceneCut);
    }

    public TrackerConfig withThreshold(double t) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, minFrames, minSeconds, minScore, t, sceneCut);
    }

    public TrackerConfig withDecision(int frames, double seconds) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, frames, seconds, minScore, threshold, sceneCut);
    }

    public TrackerConfig withSceneCut(double cut) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, minFrames, minSeconds, minScore, threshold, cut);
    }

    public TrackerConfig withMinScore(double score) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, minFrames, minSeconds, score, threshold, sceneCut);
    }

    public TrackerConfig withMaxLost(double seconds) {
        return new TrackerConfig(matchIou, seconds, minHits, minFrames, minSeconds, minScore, threshold, sceneCut);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
