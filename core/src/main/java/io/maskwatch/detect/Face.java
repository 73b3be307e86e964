package io.maskwatch.detect;

import java.util.List;

/**
 * One detected face: its box, the detector's confidence and five landmarks
 * (left eye, right eye, nose, left mouth corner, right mouth corner), all in original image pixels.
 *
 * @param maskedBox the box YuNet adapted to masked faces draws around the same face ({@link MaskedFaceBoxes}), or null
 *                  when none was asked for or it saw none there. The classifier keeps seeing {@code box}; the pipeline
 *                  reports a box moved toward this one for a masked face.
 */
public record Face(Box box, double score, List<Point> landmarks, Box maskedBox) {

    public Face {
        java.util.Objects.requireNonNull(box, "box");
        landmarks = List.copyOf(landmarks);
    }

    /** A face without a masked-face box. */
    public Face(Box box, double score, List<Point> landmarks) {
        this(box, score, landmarks, null);
    }

    public Face transform(double scale, double dx, double dy) {
        return new Face(box.transform(scale, dx, dy), score,
                landmarks.stream().map(p -> p.transform(scale, dx, dy)).toList(),
                maskedBox == null ? null : maskedBox.transform(scale, dx, dy));
    }

    /** This face with {@code maskedBox} as its masked-face box. */
    public Face withMaskedBox(Box maskedBox) {
        return new Face(box, score, landmarks, maskedBox);
    }
}
