package io.maskwatch.detect;

/** A point in pixels of the original image. */
public record Point(double x, double y) {

    public Point transform(double scale, double dx, double dy) {
        return new Point(x * scale + dx, y * scale + dy);
    }
}
