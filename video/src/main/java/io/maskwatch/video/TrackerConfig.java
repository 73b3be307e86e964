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
 * @param alertOn        the judgements that raise an alert: incorrect (a mask under the nose or on the chin),
 *                       unmasked, or both (the default)
 */
public record TrackerConfig(double matchIou, double maxLostSeconds, int minHits, int minFrames, double minSeconds,
                            double minScore, double threshold, double sceneCut, java.util.Set<TrackLabel> alertOn) {

    /** What an alert may be about. */
    public static final java.util.Set<TrackLabel> NOT_MASKED = java.util.Set.of(TrackLabel.INCORRECT, TrackLabel.UNMASKED);

    public static final TrackerConfig DEFAULT = new TrackerConfig(0.3, 1.0, 2, 3, 0.0, 0.75, Double.NaN, 40, NOT_MASKED);

    public TrackerConfig {
        check(matchIou > 0 && matchIou <= 1, "match IoU must be in (0, 1]: " + matchIou);
        check(maxLostSeconds >= 0, "max lost seconds must be >= 0: " + maxLostSeconds);
        check(minHits >= 1, "min hits must be >= 1: " + minHits);
        check(minFrames >= 1, "--alert-frames must be >= 1: " + minFrames);
        check(minSeconds >= 0, "--alert-seconds must be >= 0: " + minSeconds);
        check(minScore >= 0 && minScore <= 1, "--alert-score must be in [0, 1]: " + minScore);
        check(Double.isNaN(threshold) || (threshold >= 0 && threshold <= 1), "--threshold must be in [0, 1]: " + threshold);
        check(sceneCut >= 0 && sceneCut <= 255, "--scene-cut must be in [0, 255]: " + sceneCut);
        check(alertOn != null && !alertOn.isEmpty() && NOT_MASKED.containsAll(alertOn),
                "--alert-on must be incorrect, unmasked or both: " + alertOn);
        alertOn = java.util.Set.copyOf(alertOn);
    }

    /** Parses --alert-on: "incorrect", "unmasked" or both, comma-separated. */
    public static java.util.Set<TrackLabel> parseAlertOn(String s) {
        java.util.Set<TrackLabel> out = java.util.EnumSet.noneOf(TrackLabel.class);
        for (String part : s.split(",")) {
            String p = part.trim().toLowerCase(java.util.Locale.ROOT);
            TrackLabel l = switch (p) {
                case "incorrect" -> TrackLabel.INCORRECT;
                case "unmasked" -> TrackLabel.UNMASKED;
                default -> throw new IllegalArgumentException(
                        "--alert-on takes incorrect, unmasked or incorrect,unmasked, not '" + part.trim() + "'");
            };
            out.add(l);
        }
        return out;
    }

    public TrackerConfig withAlertOn(java.util.Set<TrackLabel> labels) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, minFrames, minSeconds, minScore, threshold, sceneCut, labels);
    }

    public TrackerConfig withThreshold(double t) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, minFrames, minSeconds, minScore, t, sceneCut, alertOn);
    }

    public TrackerConfig withDecision(int frames, double seconds) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, frames, seconds, minScore, threshold, sceneCut, alertOn);
    }

    public TrackerConfig withSceneCut(double cut) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, minFrames, minSeconds, minScore, threshold, cut, alertOn);
    }

    public TrackerConfig withMinScore(double score) {
        return new TrackerConfig(matchIou, maxLostSeconds, minHits, minFrames, minSeconds, score, threshold, sceneCut, alertOn);
    }

    public TrackerConfig withMaxLost(double seconds) {
        return new TrackerConfig(matchIou, seconds, minHits, minFrames, minSeconds, minScore, threshold, sceneCut, alertOn);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
