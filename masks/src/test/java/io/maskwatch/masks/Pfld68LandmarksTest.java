package io.maskwatch.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PFLD model on a real frontal face: points where a face has them. */
class Pfld68LandmarksTest {

    static final Path SHARED = SharedFolder.require();
    /** A frontal VGGFace2 face; the box is what YuNet finds on it (rounded). */
    static final Path PHOTO = SHARED.resolve("datasets/vggface2-sample/n000452_0167_01.jpg");
    static final Box BOX = new Box(51, 29, 127, 128);

    static Pfld68Landmarks pfld;

    @BeforeAll
    static void open() {
        pfld = new Pfld68Landmarks(SHARED.resolve("models/pfld-68/pfld-68.onnx"), 1);
    }

    @AfterAll
    static void close() {
        pfld.close();
    }

    @Test
    void landmarksLandOnTheFace() throws Exception {
        BufferedImage img = ImageLoader.read(PHOTO);
        Landmarks68 lm = pfld.landmarks(img, BOX);
        Point le = lm.leftEye();
        Point re = lm.rightEye();
        Point nose = lm.get(Landmarks68.NOSE_TIP);
        Point mouth = lm.mouth();
        Point chin = lm.get(Landmarks68.CHIN);
        assertTrue(le.x() < re.x(), "left eye left of right eye");
        assertTrue(Math.max(le.y(), re.y()) < nose.y(), "eyes above nose");
        assertTrue(nose.y() < mouth.y(), "nose above mouth");
        assertTrue(mouth.y() < chin.y(), "mouth above chin");
        for (Point p : lm.points()) {
            assertTrue(p.y() <= chin.y() + 1, "chin is the lowest point: " + p + " vs " + chin);
            assertTrue(p.x() >= BOX.x1() - 5 && p.x() <= BOX.x2() + 5 && p.y() >= BOX.y1() - 5 && p.y() <= BOX.y2() + 5,
                    p + " inside the box " + BOX);
        }
        // Eyes in the upper half of the box, chin in its bottom fifth, nose near the middle column.
        assertTrue(le.y() < BOX.centerY() && re.y() < BOX.centerY());
        assertTrue(chin.y() > BOX.y2() - 0.2 * BOX.height(), "chin " + chin);
        assertEquals(BOX.centerX(), nose.x(), 0.12 * BOX.width());
        assertEquals(0, lm.yawDegrees(), 8, "a frontal face has about zero yaw");
        assertTrue(LandmarkCheck.problem(lm, BOX, null).isEmpty(), () -> LandmarkCheck.problem(lm, BOX, null).get());
    }

    @Test
    void batchGivesTheSameAsOneByOneAndFollowsTheBox() throws Exception {
        BufferedImage img = ImageLoader.read(PHOTO);
        Box shifted = new Box(BOX.x1() + 6, BOX.y1() - 4, BOX.x2() + 6, BOX.y2() - 4);
        List<Landmarks68> both = pfld.landmarks(img, List.of(BOX, shifted));
        Landmarks68 single = pfld.landmarks(img, BOX);
        for (int i = 0; i < 68; i++) {
            assertEquals(single.get(i).x(), both.get(0).get(i).x(), 0.05);
            assertEquals(single.get(i).y(), both.get(0).get(i).y(), 0.05);
        }
        // A slightly different box still finds the same face (landmarks are in image pixels).
        assertEquals(single.get(Landmarks68.NOSE_TIP).x(), both.get(1).get(Landmarks68.NOSE_TIP).x(), 4);
        assertEquals(single.get(Landmarks68.CHIN).y(), both.get(1).get(Landmarks68.CHIN).y(), 5);
    }

    @Test
    void tiltedFaceIsTurnedUprightForTheModelAndBack() throws Exception {
        BufferedImage img = ImageLoader.read(PHOTO);
        Landmarks68 upright = pfld.landmarks(img, BOX);
        double cx = BOX.centerX();
        double cy = BOX.centerY();
        BufferedImage tilted = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = tilted.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(35), cx, cy);
        g.drawImage(img, 0, 0, null);
        g.dispose();
        Landmarks68 expected = Faces.rotated(upright, 35, cx, cy);
        Landmarks68 turned = pfld.landmarks(tilted, BOX, 35);
        double err = 0;
        for (int i = 0; i < 68; i++) {
            err += Landmarks68.dist(expected.get(i), turned.get(i));
        }
        err /= 68;
        assertTrue(err < 0.04 * BOX.width(), "mean error " + err + " px");
        assertTrue(LandmarkCheck.problem(turned, BOX, null).isEmpty(), () -> LandmarkCheck.problem(turned, BOX, null).get());
        // The eye line turned by the same 35° (the photo's own face is a little tilted already).
        double before = Pfld68Landmarks.rollFromEyes(List.of(upright.leftEye(), upright.rightEye()));
        assertEquals(before + 35, Pfld68Landmarks.rollFromEyes(List.of(turned.leftEye(), turned.rightEye())), 4);
    }
}
