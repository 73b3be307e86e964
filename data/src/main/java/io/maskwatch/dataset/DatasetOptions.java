package io.maskwatch.dataset;

import java.util.Objects;

/**
 * How to read an annotated set: the label mapping, and whether warnings (missing image, box
 * outside the image, malformed row) are errors ({@code strict}).
 */
public record DatasetOptions(LabelMap labels, boolean strict) {

    public static final DatasetOptions DEFAULT = new DatasetOptions(LabelMap.DEFAULT, false);

    public DatasetOptions {
        Objects.requireNonNull(labels, "labels");
    }

    public DatasetOptions withStrict(boolean s) {
        return new DatasetOptions(labels, s);
    }

    public DatasetOptions withLabels(LabelMap l) {
        return new DatasetOptions(l, strict);
    }
}
