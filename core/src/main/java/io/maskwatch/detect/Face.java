package io.maskwatch.detect;

import java.util.List;

/**
 * One detected face: its box, the detector's confidence and five landmarks
 * (left eye, right eye, nose, left mouth corner, right mouth corner), all in original image pixels.
 */
public record Face(Box box, double score, List<Point> landmarks) {

    public Face {
        landmarks = List.copyOf(landmarks);
    }

    public Face transform(double scale, double dx, double dy) {
        return new Face(box.transform(scale, dx, dy), score,
                landmarks.stream().map(p -> p.transform(scale, dx, dy)).toList());
    }
}
