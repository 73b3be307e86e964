package io.maskwatch.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.Resampler;
import io.maskwatch.detect.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Geometry of both placement methods on real landmarks, frontal and tilted. */
class MaskPlacementTest {

    static final Path TEMPLATES = Pfld68LandmarksTest.SHARED.resolve("datasets/mask-templates");

    private static TemplateLibrary library;

    /** The shared templates, loaded once (a few seconds: the reference PNGs are 2083 px). */
    static synchronized TemplateLibrary library() throws java.io.IOException {
        if (library == null) {
            library = TemplateLibrary.load(TEMPLATES);
        }
        return library;
    }

    static MaskTemplate reference() {
        return MaskTemplate.load(TEMPLATES.resolve("reference/light-blue.png"), "reference/light-blue", true, null);
    }

    @Test
    void referenceMaskRunsFromNoseBridgeToChinAndTurnsWithTheFace() {
        MaskTemplate t = reference();
        for (double angle : new double[] {0, 25, -40}) {
            Landmarks68 lm = Faces.rotated(Faces.FRONTAL, angle, 90, 90);
            List<MaskPlacement.Draw> draws = MaskPlacement.reference(lm, t);
            assertEquals(2, draws.size());
            double xm = t.x0() + t.width() / 2;
            for (MaskPlacement.Draw d : draws) {
                Point top = d.toImage().apply(xm, t.y0());
                Point bottom = d.toImage().apply(xm, t.y0() + t.height());
                assertNear(lm.get(Landmarks68.NOSE_BRIDGE), top, 1e-6);
                assertNear(lm.get(Landmarks68.CHIN), bottom, 1e-6);
            }
            // The template's top edge runs perpendicular to the nose–chin line: the rotation is applied.
            Point left = draws.get(0).toImage().apply(t.x0(), t.y0());
            Point right = draws.get(1).toImage().apply(t.x0() + t.width(), t.y0());
            Point nose = lm.get(Landmarks68.NOSE_BRIDGE);
            Point chin = lm.get(Landmarks68.CHIN);
            double dot = (right.x() - left.x()) * (chin.x() - nose.x()) + (right.y() - left.y()) * (chin.y() - nose.y());
            assertEquals(0, dot / (Landmarks68.dist(left, right) * Landmarks68.dist(nose, chin)), 1e-9, "angle " + angle);
            // Each half is 1.2 × the distance from its jaw point (2 / 14) to the nose–chin line.
            assertEquals(1.2 * MaskPlacement.distanceToLine(lm.get(2), nose, chin), MaskPlacement.distanceToLine(left, nose, chin), 1e-6);
            assertEquals(1.2 * MaskPlacement.distanceToLine(lm.get(14), nose, chin), MaskPlacement.distanceToLine(right, nose, chin), 1e-6);
        }
    }

    @Test
    void maskTheFaceAnchorsLandOnTheSixFacePoints() throws Exception {
        TemplateLibrary lib = library();
        for (String name : List.of("surgical", "KN95", "cloth", "N95")) {
            MaskTemplate t = lib.maskTheFace().get(name);
            Landmarks68 lm = Faces.rotated(Faces.FRONTAL, 15, 90, 90);
            MaskPlacement.Draw d = MaskPlacement.maskTheFace(lm, t);
            List<Point> face = MaskPlacement.maskTheFacePoints(lm);
            double size = Landmarks68.dist(lm.get(Landmarks68.NOSE_BRIDGE), lm.get(Landmarks68.CHIN));
            // Six pairs, eight unknowns: a least-squares fit, close but not exact.
            assertTrue(d.toImage().maxError(t.anchors(), face) < 0.15 * size, name + " fit error " + d.toImage().maxError(t.anchors(), face));
            assertNear(face.get(1), d.toImage().apply(t.anchors().get(1)), 0.15 * size);
            assertNear(face.get(4), d.toImage().apply(t.anchors().get(4)), 0.15 * size);
        }
    }

    @Test
    void pastedMaskCoversNoseToChinButNotTheEyes() throws Exception {
        BufferedImage img = new BufferedImage(180, 180, BufferedImage.TYPE_3BYTE_BGR);
        MaskTemplate t = reference();
        for (MaskPlacement.Draw d : MaskPlacement.reference(Faces.FRONTAL, t)) {
            MaskWarp.paste(img, t, d.toImage(), Shading.ORIGINAL, d.uMin(), d.uMax());
        }
        byte[] px = Resampler.bgrBytes(img);
        Landmarks68 lm = Faces.FRONTAL;
        for (int i : new int[] {30, 33, 51, 57, 62, 66}) {
            assertTrue(bright(px, 180, lm.get(i)), "mask over landmark " + i);
        }
        for (int i : new int[] {36, 39, 42, 45, 19, 24}) {
            assertTrue(!bright(px, 180, lm.get(i)), "no mask over landmark " + i);
        }
    }

    @Test
    void turnedHeadsGetTheSideViewTemplate() throws Exception {
        MaskDesigner designer = new MaskDesigner(library());
        assertEquals("surgical", designer.variant("surgical", 0).name());
        assertEquals("surgical_left", designer.variant("surgical", -20).name());
        assertEquals("surgical_right", designer.variant("surgical", 20).name());
        // A face whose nose sits near its left jaw line is turned to the image's left.
        List<Point> pts = new java.util.ArrayList<>(Faces.FRONTAL.points());
        for (int i = 27; i <= 35; i++) {
            pts.set(i, new Point(pts.get(i).x() - 22, pts.get(i).y()));
        }
        assertTrue(new Landmarks68(pts).yawDegrees() < -13);
    }

    private static boolean bright(byte[] px, int w, Point p) {
        int o = ((int) Math.round(p.y()) * w + (int) Math.round(p.x())) * 3;
        return (px[o] & 0xff) + (px[o + 1] & 0xff) + (px[o + 2] & 0xff) > 150;
    }

    private static void assertNear(Point want, Point got, double tol) {
        assertTrue(Math.hypot(want.x() - got.x(), want.y() - got.y()) <= tol, "want " + want + " got " + got);
    }
}
