package io.maskwatch.masks;

import io.maskwatch.detect.Box;

/** Real landmarks (PFLD on vggface2-sample/n000452_0167_01.jpg, a frontal face) for geometry tests. */
final class Faces {

    static final Box BOX = new Box(51.4, 28.9, 127.2, 127.7);

    static final Landmarks68 FRONTAL = Landmarks68.parse(
            "51.8 75.2 53.9 84.8 56.9 94.3 60.6 103.8 65.8 112.4 72.8 119.7 80.7 125.9 89.3 130.7 98.8 130.8 107.4 127.0 "
            + "113.9 119.3 119.3 110.8 123.7 101.7 125.8 91.7 126.1 81.4 125.5 71.4 124.0 61.6 55.4 68.1 59.8 63.9 66.2 62.4 "
            + "73.0 62.7 79.1 64.2 94.3 60.6 99.9 56.6 106.0 53.8 112.7 52.9 118.4 55.1 88.2 70.5 89.5 78.1 90.9 85.5 92.4 93.0 "
            + "84.0 96.8 88.5 98.1 93.4 98.7 97.8 96.2 101.6 93.4 63.4 75.3 67.7 72.2 73.0 71.5 78.2 74.1 73.5 75.8 68.2 76.6 "
            + "98.5 69.9 102.6 65.3 107.7 64.0 112.6 65.5 109.0 68.4 103.9 69.7 76.3 105.4 83.1 104.2 89.8 103.2 94.2 103.5 "
            + "98.7 101.8 105.4 100.5 112.1 99.3 107.3 108.3 101.3 113.7 96.0 115.4 90.8 115.6 83.3 112.6 78.3 106.0 90.0 106.3 "
            + "94.6 106.2 99.4 104.7 110.2 100.7 100.1 108.4 95.1 110.0 90.3 110.1");

    private Faces() {
    }

    /** The landmarks rotated by {@code degrees} (clockwise on screen) about (cx, cy). */
    static Landmarks68 rotated(Landmarks68 lm, double degrees, double cx, double cy) {
        double a = Math.toRadians(degrees);
        double c = Math.cos(a), s = Math.sin(a);
        return new Landmarks68(lm.points().stream()
                .map(p -> new io.maskwatch.detect.Point(cx + (p.x() - cx) * c - (p.y() - cy) * s,
                        cy + (p.x() - cx) * s + (p.y() - cy) * c))
                .toList());
    }
}
