package io.maskwatch.masks;

import io.maskwatch.detect.Point;
import java.util.List;
import java.util.Random;

/**
 * Where a template goes on a face, as one or more template→image transforms.
 * <ul>
 * <li>Reference method (the reference project's geometry, with its missing rotation applied): the
 *   mask runs from the nose bridge (28) to the chin tip (8); the left half of the template is
 *   stretched to 1.2 × the distance from jaw point 2 to the nose–chin line, the right half to
 *   1.2 × that of jaw point 14; both halves are laid along the nose–chin line, so the mask turns
 *   with the head (roll) and narrows on the side the face turns away from (yaw).</li>
 * <li>MaskTheFace method: the six anchors mask_a..mask_f of the template are mapped onto six face
 *   points by a least-squares homography (perspective warp).</li>
 * </ul>
 */
public final class MaskPlacement {

    /** One template (or a vertical slice of it, uMin ≤ u &lt; uMax) drawn through one transform. */
    public record Draw(MaskTemplate template, Homography toImage, double uMin, double uMax) { }

    public static final double REFERENCE_WIDTH_RATIO = 1.2;

    private MaskPlacement() {
    }

    public static List<Draw> reference(Landmarks68 lm, MaskTemplate t) {
        Point nose = lm.get(Landmarks68.NOSE_BRIDGE);
        Point chin = lm.get(Landmarks68.CHIN);
        double height = Landmarks68.dist(nose, chin);
        if (!(height > 1)) {
            throw new IllegalArgumentException("nose bridge and chin coincide");
        }
        // d: down the face along the nose–chin line; r: across it, towards the image's right when upright.
        double dx = (chin.x() - nose.x()) / height;
        double dy = (chin.y() - nose.y()) / height;
        double rx = dy;
        double ry = -dx;
        double wl = REFERENCE_WIDTH_RATIO * distanceToLine(lm.get(2), nose, chin);
        double wr = REFERENCE_WIDTH_RATIO * distanceToLine(lm.get(14), nose, chin);
        double half = t.width() / 2;
        double xm = t.x0() + half;
        double s = height / t.height();
        Homography left = affine(nose, rx, ry, dx, dy, wl / half, s, xm, t.y0());
        Homography right = affine(nose, rx, ry, dx, dy, wr / half, s, xm, t.y0());
        return List.of(new Draw(t, left, Double.NEGATIVE_INFINITY, xm), new Draw(t, right, xm, Double.POSITIVE_INFINITY));
    }

    /**
     * (u, v) → nose + r·k·(u − xm) + d·s·(v − y0): column xm of the template lands on the nose–chin
     * line, row y0 at the nose bridge.
     */
    private static Homography affine(Point origin, double rx, double ry, double dx, double dy,
                                     double k, double s, double xm, double y0) {
        return Homography.of(
                rx * k, dx * s, origin.x() - rx * k * xm - dx * s * y0,
                ry * k, dy * s, origin.y() - ry * k * xm - dy * s * y0,
                0, 0, 1);
    }

    /**
     * The six face points matching MaskTheFace's anchors: a/c = jaw at the nose bridge's height
     * (points 1 / 15), b = nose bridge (28), d/f = jaw at the mouth's height (4 / 12), e = chin tip (8).
     */
    public static List<Point> maskTheFacePoints(Landmarks68 lm) {
        return List.of(
                lerp(lm.get(1), lm.get(2), 0.3),
                lm.get(Landmarks68.NOSE_BRIDGE),
                lerp(lm.get(15), lm.get(14), 0.3),
                lm.get(4),
                lm.get(Landmarks68.CHIN),
                lm.get(12));
    }

    public static Draw maskTheFace(Landmarks68 lm, MaskTemplate t) {
        if (t.anchors() == null) {
            throw new IllegalArgumentException(t.name() + " has no anchor points");
        }
        Homography h = Homography.solve(t.anchors(), maskTheFacePoints(lm));
        return new Draw(t, h, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Ways a mask is worn wrongly: under the nose (mouth and chin covered) or pulled down onto the chin. */
    public enum Misplacement {
        BELOW_NOSE, ON_CHIN;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The landmarks a wrongly worn mask is placed on: the face's own points moved along its nose–chin
     * line so that the mask's top edge (the nose bridge for a worn mask) sits under the nose
     * ({@link Misplacement#BELOW_NOSE}: top at 0.42–0.55 of the nose bridge → chin distance, bottom
     * 1.0–1.15) or under the lower lip ({@link Misplacement#ON_CHIN}: top 0.72–0.85, bottom 1.2–1.4),
     * narrowed by 0–10 % and turned by up to ±8° as a pulled-down mask hangs. Draw 5 numbers from
     * {@code rnd} whatever the kind, so one choice never shifts another.
     */
    public static Landmarks68 misplaced(Landmarks68 lm, Misplacement kind, Random rnd) {
        double a = rnd.nextDouble();
        double b = rnd.nextDouble();
        double narrow = 0.9 + 0.1 * rnd.nextDouble();
        double turn = Math.toRadians(-8 + 16 * rnd.nextDouble());
        rnd.nextDouble(); // reserved
        double top = kind == Misplacement.BELOW_NOSE ? 0.42 + 0.13 * a : 0.72 + 0.13 * a;
        double bottom = kind == Misplacement.BELOW_NOSE ? 1.0 + 0.15 * b : 1.2 + 0.2 * b;
        Point nose = lm.get(Landmarks68.NOSE_BRIDGE);
        Point chin = lm.get(Landmarks68.CHIN);
        double h = Landmarks68.dist(nose, chin);
        if (!(h > 1)) {
            throw new IllegalArgumentException("nose bridge and chin coincide");
        }
        double dx = (chin.x() - nose.x()) / h;
        double dy = (chin.y() - nose.y()) / h;
        double rx = dy;
        double ry = -dx;
        double mid = (top + bottom) / 2 * h;
        double cos = Math.cos(turn);
        double sin = Math.sin(turn);
        List<Point> out = new java.util.ArrayList<>(68);
        for (Point p : lm.points()) {
            double px = p.x() - nose.x();
            double py = p.y() - nose.y();
            double u = (px * rx + py * ry) * narrow;
            double v = top * h + (bottom - top) * (px * dx + py * dy);
            // turn about the middle of the new mask position
            double ut = u * cos - (v - mid) * sin;
            double vt = u * sin + (v - mid) * cos + mid;
            out.add(new Point(nose.x() + rx * ut + dx * vt, nose.y() + ry * ut + dy * vt));
        }
        return new Landmarks68(out);
    }

    static Point lerp(Point a, Point b, double t) {
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
    }

    /** Distance from p to the infinite line through a and b. */
    static double distanceToLine(Point p, Point a, Point b) {
        double len = Landmarks68.dist(a, b);
        return Math.abs((b.x() - a.x()) * (a.y() - p.y()) - (a.x() - p.x()) * (b.y() - a.y())) / len;
    }
}
