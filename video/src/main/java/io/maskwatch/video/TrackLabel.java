package io.maskwatch.video;

/** A track's judgement: the event {@code label} values. */
public enum TrackLabel {
    MASKED, INCORRECT, UNMASKED, UNKNOWN;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
