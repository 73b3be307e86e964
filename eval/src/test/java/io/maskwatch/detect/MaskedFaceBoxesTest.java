package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link YuNetMaskedFaceBoxes} on the default detector's faces of the reference photos: a box for nearly every face,
 * each on its face and inside the photo, and the mean of both boxes fitting the hand-drawn masked faces better than
 * the detector's box alone.
 */
class MaskedFaceBoxesTest {

    @Test
    void aMaskedBoxOnNearlyEveryFaceThatFitsMaskedFacesBetter() throws Exception {
        List<AnnotatedPhotos.Photo> photos = AnnotatedPhotos.read(SharedData.dataset("reference-photos-validation"));
        List<Double> own = new ArrayList<>(), mean = new ArrayList<>();
        int faces = 0, withBox = 0;
        try (FaceDetector detector = Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, FaceCheckConfig.DEFAULT, SharedData::model, 1);
             MaskedFaceBoxes masked = Detectors.maskedFaceBoxes(MaskedBoxConfig.DEFAULT, SharedData::model, 1)) {
            for (AnnotatedPhotos.Photo p : photos) {
                BufferedImage image = ImageLoader.read(p.image());
                List<Box> found = detector.detect(image).stream().map(Face::box).toList();
                List<Box> second = masked.boxes(image, found);
                assertEquals(found.size(), second.size(), p.image().toString());
                List<Box> means = new ArrayList<>();
                for (int i = 0; i < found.size(); i++) {
                    Box f = found.get(i), m = second.get(i);
                    faces++;
                    means.add(m == null ? f : new Box((f.x1() + m.x1()) / 2, (f.y1() + m.y1()) / 2, (f.x2() + m.x2()) / 2, (f.y2() + m.y2()) / 2));
                    if (m == null) continue;
                    withBox++;
                    assertTrue(m.iou(f) >= MaskedBoxConfig.DEFAULT.linkIou(), p.image() + ": " + m + " for " + f);
                    assertTrue(m.x1() >= 0 && m.y1() >= 0 && m.x2() <= image.getWidth() && m.y2() <= image.getHeight(), p.image() + ": " + m);
                }
                for (GroundTruthFace t : p.truth()) {
                    if (t.cls() != FaceClass.MASKED) continue;
                    own.add(found.stream().mapToDouble(b -> b.iou(t.box())).max().orElse(0));
                    mean.add(means.stream().mapToDouble(b -> b.iou(t.box())).max().orElse(0));
                }
            }
        }
        String fit = String.format("masked faces matched (IoU > 0.5): the detector's box %d, the mean with the masked box %d of %d; "
                + "faces with a masked box %d of %d", matched(own), matched(mean), own.size(), withBox, faces);
        System.out.println(fit);
        assertTrue(withBox >= 0.9 * faces, fit);
        assertTrue(matched(mean) > matched(own), fit);
        assertTrue(median(mean) > median(own), fit);
    }

    @Test
    void aBoxOverNothingGetsNoMaskedBox() {
        BufferedImage black = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        try (MaskedFaceBoxes masked = Detectors.maskedFaceBoxes(MaskedBoxConfig.DEFAULT, SharedData::model, 1)) {
            assertEquals(java.util.Arrays.asList((Box) null), masked.boxes(black, List.of(new Box(100, 80, 160, 150))));
            assertEquals(List.of(), masked.boxes(black, List.of()));
        }
    }

    @Test
    void offOpensNothingAndTheConfigIsValidatedUpFront() {
        assertNull(Detectors.maskedFaceBoxes(MaskedBoxConfig.OFF, id -> { throw new AssertionError("opened " + id); }, 1));
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 8, 4, 0.5, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 48, 1, 0.5, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 48, 4, 0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 48, 4, 0.5, 1));
    }

    private static int matched(List<Double> ious) {
        return (int) ious.stream().filter(v -> v > 0.5).count();
    }

    private static double median(List<Double> v) {
        return v.stream().sorted().toList().get(v.size() / 2);
    }
}
