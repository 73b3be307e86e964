package io.maskwatch.masks;

import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import java.util.List;
import java.util.Optional;

/**
 * Sanity checks that 68 landmarks describe a face that a mask can be placed on. PFLD always
 * answers 68 points, even for a wall, so a wrong box or a non-face gives a tangle that these catch:
 * eyes above nose above mouth above chin along the face's own axis, left eye left of right eye,
 * eye distance in proportion to the box, points inside the box's surroundings, and (when the
 * detector gave its five landmarks) eyes and nose where the detector saw them.
 */
public final class LandmarkCheck {

    private LandmarkCheck() {
    }

    /** Empty when the landmarks pass; otherwise what failed, for the skip log. */
    public static Optional<String> problem(Landmarks68 lm, Box box, List<Point> detectorLandmarks) {
        for (Point p : lm.points()) {
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                return Optional.of("non-finite landmark");
            }
        }
        Point le = lm.leftEye();
        Point re = lm.rightEye();
        Point eyes = MaskPlacement.lerp(le, re, 0.5);
        Point mouth = lm.mouth();
        double axisLen = Landmarks68.dist(eyes, mouth);
        double size = Math.max(box.width(), box.height());
        if (axisLen < 0.12 * size) {
            return Optional.of(String.format(java.util.Locale.ROOT, "eyes-to-mouth distance %.1f px too short for a %.0f px face", axisLen, size));
        }
        double ax = (mouth.x() - eyes.x()) / axisLen;
        double ay = (mouth.y() - eyes.y()) / axisLen;
        if (ay < 0.35) {
            return Optional.of("face axis points upwards or sideways (eyes not above mouth)");
        }
        // Positions along the axis (eyes at 0, mouth at 1) and across it.
        double nose = along(lm.get(Landmarks68.NOSE_TIP), eyes, ax, ay) / axisLen;
        double chin = along(lm.get(Landmarks68.CHIN), eyes, ax, ay) / axisLen;
        double bridge = along(lm.get(Landmarks68.NOSE_BRIDGE), eyes, ax, ay) / axisLen;
        if (!(bridge < nose && nose > 0.2 && nose < 0.95)) {
            return Optional.of(String.format(java.util.Locale.ROOT, "nose not between eyes and mouth (%.2f)", nose));
        }
        if (!(chin > 1.15 && chin < 3.0)) {
            return Optional.of(String.format(java.util.Locale.ROOT, "chin not below mouth (%.2f)", chin));
        }
        double across = acrossOf(re, eyes, ax, ay) - acrossOf(le, eyes, ax, ay);
        if (across <= 0) {
            return Optional.of("left and right eye swapped");
        }
        double iod = Landmarks68.dist(le, re);
        if (iod < 0.15 * size || iod > 0.8 * size) {
            return Optional.of(String.format(java.util.Locale.ROOT, "eye distance %.0f px out of proportion with a %.0f px face", iod, size));
        }
        if (acrossOf(lm.get(16), eyes, ax, ay) - acrossOf(lm.get(0), eyes, ax, ay) <= 0) {
            return Optional.of("jaw line reversed");
        }
        double margin = 0.35 * size;
        int outside = 0;
        for (Point p : lm.points()) {
            if (p.x() < box.x1() - margin || p.x() > box.x2() + margin || p.y() < box.y1() - margin || p.y() > box.y2() + margin) {
                outside++;
            }
        }
        if (outside > 0) {
            return Optional.of(outside + " landmarks far outside the face box");
        }
        if (detectorLandmarks != null && detectorLandmarks.size() >= 3) {
            double tol = 0.35 * iod;
            if (Landmarks68.dist(le, detectorLandmarks.get(0)) > tol || Landmarks68.dist(re, detectorLandmarks.get(1)) > tol) {
                return Optional.of("eyes disagree with the detector's landmarks");
            }
            if (Landmarks68.dist(lm.get(Landmarks68.NOSE_TIP), detectorLandmarks.get(2)) > 1.5 * tol) {
                return Optional.of("nose disagrees with the detector's landmarks");
            }
        }
        return Optional.empty();
    }

    private static double along(Point p, Point o, double ax, double ay) {
        return (p.x() - o.x()) * ax + (p.y() - o.y()) * ay;
    }

    /** Signed distance across the face axis, positive towards the image's right for an upright face. */
    private static double acrossOf(Point p, Point o, double ax, double ay) {
        return (p.x() - o.x()) * ay - (p.y() - o.y()) * ax;
    }
}
