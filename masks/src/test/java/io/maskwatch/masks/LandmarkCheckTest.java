package io.maskwatch.masks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandmarkCheckTest {

    @Test
    void realFacePassesAlsoWhenTilted() {
        assertTrue(LandmarkCheck.problem(Faces.FRONTAL, Faces.BOX, null).isEmpty());
        Landmarks68 tilted = Faces.rotated(Faces.FRONTAL, 30, Faces.BOX.centerX(), Faces.BOX.centerY());
        assertTrue(LandmarkCheck.problem(tilted, Faces.BOX, null).isEmpty());
    }

    @Test
    void upsideDownSwappedOrScatteredLandmarksFail() {
        Landmarks68 upsideDown = Faces.rotated(Faces.FRONTAL, 180, Faces.BOX.centerX(), Faces.BOX.centerY());
        assertTrue(LandmarkCheck.problem(upsideDown, Faces.BOX, null).isPresent());

        List<Point> mirrored = new ArrayList<>();
        for (Point p : Faces.FRONTAL.points()) {
            mirrored.add(new Point(2 * Faces.BOX.centerX() - p.x(), p.y()));
        }
        assertTrue(LandmarkCheck.problem(new Landmarks68(mirrored), Faces.BOX, null).get().contains("swapped"));

        List<Point> shuffled = new ArrayList<>(Faces.FRONTAL.points());
        Collections.shuffle(shuffled, new java.util.Random(1));
        assertTrue(LandmarkCheck.problem(new Landmarks68(shuffled), Faces.BOX, null).isPresent());
    }

    @Test
    void landmarksFarFromTheBoxOrTheDetectorsEyesFail() {
        Box elsewhere = new Box(400, 400, 480, 500);
        assertTrue(LandmarkCheck.problem(Faces.FRONTAL, elsewhere, null).isPresent());
        List<Point> detectorEyesLow = List.of(new Point(70, 100), new Point(108, 100), new Point(90, 110));
        assertTrue(LandmarkCheck.problem(Faces.FRONTAL, Faces.BOX, detectorEyesLow).get().contains("detector"));
        List<Point> detectorAgrees = List.of(Faces.FRONTAL.leftEye(), Faces.FRONTAL.rightEye(),
                Faces.FRONTAL.get(Landmarks68.NOSE_TIP));
        assertTrue(LandmarkCheck.problem(Faces.FRONTAL, Faces.BOX, detectorAgrees).isEmpty());
    }
}
