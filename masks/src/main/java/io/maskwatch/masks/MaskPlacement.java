package io.maskwatch.masks;

import io.maskwatch.detect.Point;
import java.util.List;

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

    static Point lerp(Point a, Point b, double t) {
        return new Point(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
    }

    /** Distance from p to the infinite line through a and b. */
    static double distanceToLine(Point p, Point a, Point b) {
        double len = Landmarks68.dist(a, b);
        return Math.abs((b.x() - a.x()) * (a.y() - p.y()) - (a.x() - p.x()) * (b.y() - a.y())) / len;
    }
}
