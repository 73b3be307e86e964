package io.maskwatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.classify.OnnxMaskClassifier;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Detectors;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline as the front ends open it, on real photos from reference-photos-validation. */
class PipelinesTest {

    static final Path SET = SharedFolder.require()
            .resolve("datasets/reference-photos-validation");

    record Truth(Box box, Label label) {
    }

    static List<Truth> truth(String image) throws IOException {
        List<Truth> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(SET.resolve("annotations.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[5].equals(image)) {
                out.add(new Truth(Box.ofSize(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4])), f[0].equals("with_mask") ? Label.MASKED : Label.UNMASKED));
            }
        }
        return out;
    }

    private static ModelStore offlineStore() {
        return new ModelStore(ModelStoreConfig.defaults().withOffline(true));
    }

    @Test
    void defaultPipelineFindsTheFacesOfRealPhotosWithTheirLabels() throws IOException {
        int faces = 0;
        int found = 0;
        int rightLabel = 0;
        try (Pipeline p = Pipelines.openDefault(offlineStore(), 0)) {
            assertEquals(Detectors.DEFAULT, p.detector().name());
            assertTrue(p.classifier() instanceof OnnxMaskClassifier);
            for (String image : List.of("177.jpg", "197.jpg", "107.jpg", "57.jpg", "222.jpg")) {
                BufferedImage img = ImageLoader.read(SET.resolve("images").resolve(image));
                Detection d = p.detect(image, img);
                assertEquals(img.getWidth(), d.width());
                for (FaceResult r : d.faces()) {
                    assertEquals(5, r.landmarks().size());
                    assertTrue(r.maskProbability() >= 0 && r.maskProbability() <= 1);
                    assertEquals(Label.of(r.state(), p.classifier().defaultThreshold()), r.label());
                }
                for (Truth t : truth(image)) {
                    faces++;
                    FaceResult best = d.faces().stream().max((a, b) -> Double.compare(a.box().iou(t.box()), b.box().iou(t.box())))
                            .orElse(null);
                    if (best != null && best.box().iou(t.box()) > 0.5) {
                        found++;
                        rightLabel += (best.label() == Label.MASKED) == (t.label() == Label.MASKED) ? 1 : 0; // incorrect is not masked
                    }
                    System.out.printf("%s %s %s -> %s%n", image, t.label(), t.box(),
                            best == null ? "none" : best.label() + " p=" + best.maskProbability() + " iou=" + best.box().iou(t.box()));
                }
            }
        }
        System.out.println("faces " + faces + ", found " + found + ", right label " + rightLabel);
        // Mixed and single-class photos, faces 34-127 px; bounds loose enough for a retrained model or retuned detector.
        assertEquals(15, faces);
        assertTrue(found >= 14, "found " + found + " of " + faces);
        assertTrue(rightLabel >= 0.8 * found, "right label " + rightLabel + " of " + found);
    }

    @Test
    void bothDetectorsOpenAndTheConfigIsApplied() throws IOException {
        BufferedImage img = ImageLoader.read(SET.resolve("images/177.jpg"));
        for (String name : Detectors.NAMES) {
            // threshold 0 calls every face masked; a huge min face drops them all.
            try (Pipeline all = Pipelines.open(offlineStore(), name, new PipelineConfig(OptionalDouble.of(0), 0), 1);
                 Pipeline none = Pipelines.open(offlineStore(), name, new PipelineConfig(OptionalDouble.empty(), 10_000), 1)) {
                List<FaceResult> r = all.run(img);
                assertTrue(r.size() >= 3, name + ": " + r.size() + " faces");
                assertTrue(r.stream().allMatch(f -> f.label() == Label.MASKED), name);
                assertEquals(List.of(), none.run(img), name);
            }
        }
    }

    @Test
    void minFaceKeepsExactlyTheFacesWhoseShorterSideIsLargeEnough() throws IOException {
        BufferedImage img = ImageLoader.read(SET.resolve("images/177.jpg"));
        try (Pipeline all = Pipelines.open(offlineStore(), "yunet", PipelineConfig.DEFAULT, 1)) {
            List<FaceResult> faces = all.run(img);
            // A limit between a face's shorter and longer side: only the shorter side counts.
            FaceResult f = faces.stream().filter(r -> r.box().width() != r.box().height()).findFirst().orElseThrow();
            double limit = (f.box().size() + Math.max(f.box().width(), f.box().height())) / 2;
            long expected = faces.stream().filter(r -> Math.min(r.box().width(), r.box().height()) >= limit).count();
            try (Pipeline some = Pipelines.open(offlineStore(), "yunet", new PipelineConfig(OptionalDouble.empty(), limit), 1)) {
                List<FaceResult> kept = some.run(img);
                assertEquals(expected, kept.size());
                assertTrue(kept.stream().noneMatch(r -> r.box().equals(f.box())), "a face under the limit by its shorter side was kept");
            }
        }
    }

    @Test
    void missingClassifierGivesTheStoreMessage(@TempDir Path tmp) {
        ModelStoreConfig c = ModelStoreConfig.defaults().withOffline(true);
        // Only the shared models (no project models/), so YuNet opens and the project's two models are missing.
        List<ModelStoreConfig.ModelDir> sharedOnly = c.searchPath().stream().filter(d -> d.origin().equals("shared")).toList();
        ModelStore store = new ModelStore(new ModelStoreConfig(sharedOnly, tmp, true, c.manifest(), s -> { }, c.connectTimeout()));
        ModelException e = assertThrows(ModelException.class, () -> Pipelines.open(store, "yunet",
                io.maskwatch.detect.DetectorConfig.DEFAULT, io.maskwatch.detect.FaceCheckConfig.OFF, PipelineConfig.DEFAULT, 1));
        assertTrue(e.getMessage().contains("mask-classifier"), e.getMessage());
        assertTrue(e.getMessage().contains("Looked in"), e.getMessage());
        // the default detector's second stage is the first thing missing there
        ModelException check = assertThrows(ModelException.class, () -> Pipelines.openDefault(store, 1));
        assertTrue(check.getMessage().contains("face-check"), check.getMessage());
        assertTrue(check.getMessage().contains("Looked in"), check.getMessage());
    }

    @Test
    void theDefaultPipelineOpensTheMaskedFaceModelForItsBoxes() {
        assertTrue(Pipelines.modelIds("yunet").contains("yunet-masked"), Pipelines.modelIds("yunet").toString());
        assertFalse(Pipelines.modelIds("retinaface").contains("yunet-masked"), Pipelines.modelIds("retinaface").toString());
        try (Pipeline p = Pipelines.openDefault(offlineStore(), 1);
             Pipeline plain = Pipelines.open(offlineStore(), "yunet", PipelineConfig.DEFAULT.withDetectorBoxes(), 1)) {
            assertNotNull(p.maskedBoxes());
            assertNull(plain.maskedBoxes(), "--detector-boxes does not open the masked-face model");
        }
    }

    @Test
    void onlyFacesLikelyMaskedMoveTowardTheirMaskedBox() throws IOException {
        int moved = 0;
        int likelyMasked = 0;
        int others = 0;
        try (Pipeline p = Pipelines.openDefault(offlineStore(), 1);
             Pipeline still = Pipelines.open(offlineStore(), "yunet", PipelineConfig.DEFAULT.withMaskedBoxWeight(0), 1)) {
            for (String image : List.of("177.jpg", "197.jpg", "107.jpg", "57.jpg", "222.jpg", "0.jpg", "33.jpg", "92.jpg")) {
                BufferedImage img = ImageLoader.read(SET.resolve("images").resolve(image));
                List<FaceResult> a = p.run(img);
                List<FaceResult> b = still.run(img);
                assertEquals(b.size(), a.size(), image);
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(b.get(i).state(), a.get(i).state(), image + ": the classifier sees the detector's box");
                    if (1 - a.get(i).state().unmasked() < Pipeline.LOOK_AT_P_MASK) {
                        others++;
                        assertEquals(b.get(i).box(), a.get(i).box(), image + ": a face likely uncovered keeps its box");
                    } else {
                        likelyMasked++;
                        moved += a.get(i).box().equals(b.get(i).box()) ? 0 : 1;
                    }
                }
            }
        }
        System.out.printf("likely masked %d (moved %d), others %d%n", likelyMasked, moved, others);
        assertTrue(others >= 5 && likelyMasked >= 5, likelyMasked + " likely masked, " + others + " others");
        // the adapted model finds nearly every masked face up close (MaskedFaceBoxesTest: 268 of 273 faces)
        assertTrue(moved >= 0.8 * likelyMasked, moved + " of " + likelyMasked + " moved");
    }

    @Test
    void unknownDetectorNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipelines.open(offlineStore(), "haar", PipelineConfig.DEFAULT, 1));
        assertTrue(e.getMessage().contains("yunet"), e.getMessage());
    }
}
