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
 * The default pipeline's detector with the masked-face boxes ({@link MaskedFaceBoxes}) against the detector contract,
 * and what the second box is on the reference photos: the same faces as without it, each masked box on its face, and
 * masked faces fitted better.
 */
class MaskedFaceBoxesTest extends FaceDetectorContract {

    @Override
    protected String detectorName() {
        return YuNetModel.NAME;
    }

    @Override
    protected FaceDetector create(DetectorConfig config) {
        return Detectors.create(detectorName(), config, FaceCheckConfig.DEFAULT, MaskedBoxConfig.DEFAULT, SharedData::model, 1);
    }

    @Override
    protected double minScore() {
        return FaceCheckConfig.DEFAULT.rescueScore();
    }

    @Test
    void theSameFacesWithAMaskedBoxOnEachThatFitsMaskedFacesBetter() throws Exception {
        List<AnnotatedPhotos.Photo> photos = AnnotatedPhotos.read(SharedData.dataset("reference-photos-validation"));
        List<Double> own = new ArrayList<>(), blended = new ArrayList<>();
        int faces = 0, withBox = 0;
        try (FaceDetector plain = Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, FaceCheckConfig.DEFAULT, SharedData::model, 1);
             FaceDetector boxed = create(DetectorConfig.DEFAULT)) {
            for (AnnotatedPhotos.Photo p : photos) {
                BufferedImage image = ImageLoader.read(p.image());
                List<Face> a = plain.detect(image), b = boxed.detect(image);
                assertEquals(a.stream().map(Face::box).toList(), b.stream().map(Face::box).toList(), p.image().toString());
                for (Face f : b) {
                    faces++;
                    if (f.maskedBox() == null) continue;
                    withBox++;
                    Box m = f.maskedBox();
                    assertTrue(m.iou(f.box()) >= MaskedBoxConfig.DEFAULT.linkIou(), p.image() + ": " + f);
                    assertTrue(m.x1() >= 0 && m.y1() >= 0 && m.x2() <= image.getWidth() && m.y2() <= image.getHeight(), p.image() + ": " + m);
                }
                for (GroundTruthFace t : p.truth()) {
                    if (t.cls() != FaceClass.MASKED) continue;
                    own.add(b.stream().mapToDouble(f -> f.box().iou(t.box())).max().orElse(0));
                    blended.add(b.stream().mapToDouble(f -> mean(f).iou(t.box())).max().orElse(0));
                }
            }
        }
        String fit = String.format("masked faces matched (IoU > 0.5): own box %d, mean with the masked box %d of %d; "
                + "faces with a masked box %d of %d", matched(own), matched(blended), own.size(), withBox, faces);
        System.out.println(fit);
        assertTrue(withBox >= 0.9 * faces, fit);
        assertTrue(matched(blended) > matched(own), fit);
        assertTrue(median(blended) > median(own), fit);
    }

    @Test
    void configIsValidatedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 8, 4, 0.5, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 48, 1, 0.5, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 48, 4, 0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new MaskedBoxConfig(true, 48, 4, 0.5, 1));
    }

    @Test
    void aBoxOverNothingGetsNoMaskedBox() throws Exception {
        BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        try (YuNetModel model = new YuNetModel(YuNetModel.MASKED_NAME, SharedData.model(YuNetModel.MASKED_MODEL_ID), 1);
             MaskedFaceBoxes look = new MaskedFaceBoxes(
                     Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, SharedData::model, 1), model, MaskedBoxConfig.DEFAULT)) {
            assertNull(look.maskedBox(ImageTensor.of(grey), new Box(100, 80, 160, 150)));
        }
    }

    private static Box mean(Face f) {
        Box a = f.box(), m = f.maskedBox() == null ? a : f.maskedBox();
        return new Box((a.x1() + m.x1()) / 2, (a.y1() + m.y1()) / 2, (a.x2() + m.x2()) / 2, (a.y2() + m.y2()) / 2);
    }

    private static int matched(List<Double> ious) {
        return (int) ious.stream().filter(v -> v > 0.5).count();
    }

    private static double median(List<Double> v) {
        return v.stream().sorted().toList().get(v.size() / 2);
    }
}
