package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.eval.UnannotatedFaces;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the face check is for, on photos it never saw in training: YuNet alone against YuNet with the check, as the
 * pipeline runs them. On the 137 reference photos it must keep every face YuNet finds and drop boxes that are not
 * faces (spurious boxes not on the set's list of unannotated real faces); on the Kaggle photos held out of training
 * it must find more masked faces (the ones YuNet scores under its confidence, which the check is sure of).
 */
class FaceCheckTest {

    record Outcome(int found, int foundMasked, int notFaces, List<String> notFaceBoxes) {
    }

    @Test
    void dropsFalseFacesAndWidensHalfBoxesWithoutLosingFaces() throws Exception {
        List<AnnotatedPhotos.Photo> photos = AnnotatedPhotos.read(SharedData.dataset("reference-photos-validation"));
        UnannotatedFaces unannotated = UnannotatedFaces.forSet("reference-photos-validation");
        Outcome plain, checked;
        try (FaceDetector yunet = Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, FaceCheckConfig.OFF, SharedData::model, 1);
             FaceDetector withCheck = Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, FaceCheckConfig.DEFAULT,
                     SharedData::model, 1)) {
            plain = run(yunet, photos, unannotated);
            checked = run(withCheck, photos, unannotated);
        }
        String both = "YuNet alone " + plain + "; with the check " + checked;
        System.out.println(both);
        assertTrue(checked.found() >= plain.found(), both);
        assertTrue(checked.notFaces() <= plain.notFaces() - 4, both);
    }

    @Test
    void findsMoreMaskedFacesOnHeldOutKagglePhotos() throws Exception {
        java.util.Set<String> heldOut = new java.util.HashSet<>(io.maskwatch.dataset.ImageList.load(
                java.nio.file.Path.of("..", "models", "mask-classifier.kaggle-holdout.txt")).names());
        List<AnnotatedPhotos.Photo> photos = AnnotatedPhotos.read(SharedData.dataset("kaggle-face-mask-voc")).stream()
                .filter(p -> heldOut.contains(p.image().getFileName().toString())).toList();
        assertTrue(photos.size() > 300, "held-out photos: " + photos.size());
        Outcome plain, checked;
        try (FaceDetector yunet = Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, FaceCheckConfig.OFF, SharedData::model, 1);
             FaceDetector withCheck = Detectors.create(YuNetModel.NAME, DetectorConfig.DEFAULT, FaceCheckConfig.DEFAULT,
                     SharedData::model, 1)) {
            plain = run(yunet, photos, UnannotatedFaces.NONE);
            checked = run(withCheck, photos, UnannotatedFaces.NONE);
        }
        String both = "YuNet alone " + plain.found() + " found, " + plain.foundMasked() + " masked, " + plain.notFaces()
                + " spurious; with the check " + checked.found() + ", " + checked.foundMasked() + ", " + checked.notFaces();
        System.out.println(both);
        assertTrue(checked.foundMasked() >= plain.foundMasked() + 5, both);
        assertTrue(checked.found() >= plain.found(), both);
        assertTrue(checked.notFaces() <= plain.notFaces() * 0.9, both);
    }

    @Test
    void aSecondLookWidensAHalfBoxThatOneLookLeaves() throws Exception {
        // reference photo 141.jpg: a respirator, whose YuNet box covers eyes and nose only (IoU 0.33 with the face)
        AnnotatedPhotos.Photo photo = AnnotatedPhotos.read(SharedData.dataset("reference-photos-validation")).stream()
                .filter(p -> p.image().getFileName().toString().equals("141.jpg")).findFirst().orElseThrow();
        Box face = photo.faces().get(0);
        BufferedImage img = ImageLoader.read(photo.image());
        FaceCheckConfig oneLook = new FaceCheckConfig(true, FaceCheckConfig.DEFAULT.sureScore(),
                FaceCheckConfig.DEFAULT.minProbability(), FaceCheckConfig.DEFAULT.rescueScore(),
                FaceCheckConfig.DEFAULT.rescueProbability(), FaceCheckConfig.DEFAULT.moveBelowIou(), 1);
        // without the coarse passes, whose own box of this face (IoU 0.49 with an annotation drawn down to the neck)
        // would win over the check's: this test is about the check's box
        DetectorConfig passes = DetectorConfig.DEFAULT.withCoarseSides(List.of());
        double once, twice;
        try (FaceDetector one = Detectors.create(YuNetModel.NAME, passes, oneLook, SharedData::model, 1);
             FaceDetector two = Detectors.create(YuNetModel.NAME, passes, FaceCheckConfig.DEFAULT, SharedData::model, 1)) {
            once = one.detect(img).stream().mapToDouble(f -> f.box().iou(face)).max().orElse(0);
            twice = two.detect(img).stream().mapToDouble(f -> f.box().iou(face)).max().orElse(0);
        }
        String both = "IoU with the annotated face: one look " + once + ", two looks " + twice;
        System.out.println(both);
        assertTrue(once <= 0.5, both);
        assertTrue(twice > 0.5, both);
    }

    private static Outcome run(FaceDetector detector, List<AnnotatedPhotos.Photo> photos, UnannotatedFaces unannotated)
            throws Exception {
        int found = 0, foundMasked = 0, notFaces = 0;
        List<String> boxes = new ArrayList<>();
        for (AnnotatedPhotos.Photo p : photos) {
            BufferedImage img = ImageLoader.read(p.image());
            List<Face> faces = detector.detect(img);
            for (GroundTruthFace t : p.truth()) {
                if (faces.stream().anyMatch(f -> f.box().iou(t.box()) > 0.5)) {
                    found++;
                    if (t.cls() == FaceClass.MASKED) foundMasked++;
                }
            }
            String name = p.image().getFileName().toString();
            for (Face f : faces) {
                boolean onAFace = p.faces().stream().anyMatch(t -> t.iou(f.box()) > 0.5);
                if (!onAFace && !unannotated.covers(name, f.box())) {
                    notFaces++;
                    boxes.add(name);
                }
            }
        }
        return new Outcome(found, foundMasked, notFaces, boxes);
    }
}
