package io.maskwatch.masks;

import io.maskwatch.detect.Point;
import java.util.List;
import java.util.Locale;

/**
 * 68 facial landmarks in the iBUG-68 layout (jaw 0–16 with chin tip 8, brows 17–26, nose bridge
 * 27–30 ending at the nose tip 30, nostrils 31–35, eyes 36–41 and 42–47, mouth 48–67), in pixels
 * of the image they were found in. "Left" and "right" are as seen in the image.
 */
public record Landmarks68(List<Point> points) {

    public static final int CHIN = 8;
    public static final int NOSE_BRIDGE = 28;
    public static final int NOSE_TIP = 30;

    public Landmarks68 {
        points = List.copyOf(points);
        if (points.size() != 68) {
            throw new IllegalArgumentException("68 landmarks expected, got " + points.size());
        }
    }

    public Point get(int i) {
        return points.get(i);
    }

    /** Mean of landmarks from..to inclusive. */
    public Point mean(int from, int to) {
        double x = 0, y = 0;
        for (int i = from; i <= to; i++) {
            x += points.get(i).x();
            y += points.get(i).y();
        }
        int n = to - from + 1;
        return new Point(x / n, y / n);
    }

    /** Centre of the eye on the image's left (points 36–41). */
    public Point leftEye() {
        return mean(36, 41);
    }

    public Point rightEye() {
        return mean(42, 47);
    }

    public Point mouth() {
        return mean(48, 67);
    }

    /**
     * A rough yaw estimate in degrees from how far the nose tip sits off the middle of the jaw:
     * r = (dl - dr) / (dl + dr) with dl, dr the distances from the nose tip (30) to jaw points 2 and
     * 14; yaw = asin(r / 2). The nose sticks out about twice as far as a cylinder through the jaw
     * points would put it, hence the 2 (calibrated by eye on VGGFace2 photos: asin(r) read 25–30°
     * for faces turned about 15°). Negative when the face turns to the image's left (the nose moves
     * towards the left jaw line). Profiles saturate near 30°; only the sign and the ±13° switch to
     * MaskTheFace's side-view templates matter here.
     */
    public double yawDegrees() {
        Point n = get(NOSE_TIP);
        double dl = dist(n, get(2));
        double dr = dist(n, get(14));
        double r = (dl - dr) / Math.max(dl + dr, 1e-9);
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, r)) / 2));
    }

    /** Roll in degrees: the angle of the nose-bridge → chin line from vertical (positive = clockwise tilt). */
    public double rollDegrees() {
        Point a = get(NOSE_BRIDGE);
        Point b = get(CHIN);
        return Math.toDegrees(Math.atan2(-(b.x() - a.x()), b.y() - a.y()));
    }

    public Landmarks68 transform(double scale, double dx, double dy) {
        return new Landmarks68(points.stream().map(p -> p.transform(scale, dx, dy)).toList());
    }

    /** Compact text form: "x0 y0 x1 y1 ..." with one decimal. */
    public String compact() {
        StringBuilder sb = new StringBuilder(68 * 12);
        for (Point p : points) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%.1f %.1f", p.x(), p.y()));
        }
        return sb.toString();
    }

    /** Parses {@link #compact()}. */
    public static Landmarks68 parse(String s) {
        String[] f = s.trim().split("\\s+");
        if (f.length != 136) {
            throw new IllegalArgumentException("136 numbers expected, got " + f.length);
        }
        Point[] pts = new Point[68];
        for (int i = 0; i < 68; i++) {
            pts[i] = new Point(Double.parseDouble(f[2 * i]), Double.parseDouble(f[2 * i + 1]));
        }
        return new Landmarks68(List.of(pts));
    }

    static double dist(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
