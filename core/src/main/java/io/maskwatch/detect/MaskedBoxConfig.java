package io.maskwatch.detect;

/**
 * How {@link YuNetMaskedFaceBoxes} looks at each face a second time. Validated when built.
 *
 * @param enabled   false: no masked-face boxes (the pipeline does not open their model)
 * @param faceSide  the face's longer side is resized to this many pixels for the look (the size below which the
 *                  detector's first pass hands faces to its detail pass; the look costs about a sixth of a 640 px pass)
 * @param context   the look's square tile is this many times the face's longer side, centred on it
 * @param linkIou   the masked-face detector's box must overlap the face's box by at least this to be the same face
 * @param minScore  its candidates below this score are not considered
 */
public record MaskedBoxConfig(boolean enabled, double faceSide, double context, double linkIou, double minScore) {

    public static final MaskedBoxConfig DEFAULT = new MaskedBoxConfig(true, 48, 4, 0.5, 0.3);
    public static final MaskedBoxConfig OFF = new MaskedBoxConfig(false, 48, 4, 0.5, 0.3);

    public MaskedBoxConfig {
        if (!(faceSide >= 16 && faceSide <= 512)) throw new IllegalArgumentException("face side must be in [16, 512] px: " + faceSide);
        if (!(context >= 1.5 && context <= 8)) throw new IllegalArgumentException("context must be in [1.5, 8]: " + context);
        if (!(linkIou > 0 && linkIou <= 1)) throw new IllegalArgumentException("link IoU must be in (0, 1]: " + linkIou);
        if (!(minScore > 0 && minScore < 1)) throw new IllegalArgumentException("min score must be in (0, 1): " + minScore);
    }
}
