package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Label;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.Pipelines;
import io.maskwatch.json.DetectionJson;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed classifier through the default pipeline on a real photo: a Kaggle face annotated
 * {@code mask_weared_incorrect} (a photo held out of training, listed in
 * models/mask-classifier.kaggle-holdout.txt) comes out as "incorrect" in the JSON, from the detector's
 * box and from the annotated one.
 */
class IncorrectMaskPhotoTest {

    static final Path KAGGLE = SharedFolder.require()
            .resolve("datasets/kaggle-face-mask-voc");
    static final String PHOTO = "maksssksksss832.jpg";

    @Test
    void aHeldOutIncorrectlyWornMaskIsReportedAsIncorrect() throws Exception {
        Path holdout = Path.of(System.getProperty("maskwatch.home", "..")).resolve("models/mask-classifier.kaggle-holdout.txt");
        if (Files.exists(holdout)) {
            assertTrue(Files.readAllLines(holdout).contains(PHOTO), PHOTO + " must be a photo the classifier never saw");
        }
        AnnotatedImage photo = DatasetReaders.read(KAGGLE, DatasetOptions.DEFAULT).images().stream()
                .filter(i -> i.name().equals(PHOTO)).findFirst().orElseThrow();
        GroundTruthFace wrong = photo.faces().stream().filter(f -> f.cls() == FaceClass.INCORRECT).findFirst().orElseThrow();
        BufferedImage image = ImageLoader.read(photo.image());
        try (Pipeline p = Pipelines.openDefault(new ModelStore(ModelStoreConfig.defaults().withOffline(true)), 0)) {
            Detection d = p.detect(PHOTO, image);
            FaceResult found = d.faces().stream().max(Comparator.comparingDouble(f -> f.box().iou(wrong.box()))).orElseThrow();
            assertTrue(found.box().iou(wrong.box()) > 0.4, "the face is found: " + found.box() + " vs " + wrong.box());
            assertEquals(Label.INCORRECT, found.label(), "mask_state " + found.state());
            assertTrue(found.state().incorrect() > found.state().unmasked() && found.maskProbability() < p.classifier().defaultThreshold());
            String json = DetectionJson.toJson(d);
            assertTrue(json.contains("\"label\":\"incorrect\""), json);
            assertEquals(1, d.incorrectCount(), json);
            // the classifier alone on the annotated box agrees
            assertEquals(Label.INCORRECT, Label.of(p.classifier().classify(image, List.of(wrong.box())).get(0),
                    p.classifier().defaultThreshold()));
        }
    }
}
