package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.classify.OnnxMaskClassifier;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.Face;
import io.maskwatch.image.DimPhotos;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import io.maskwatch.model.SharedFolder;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference photos as a dim camera would see them (every value a quarter of the original) and as through haze (the
 * values' distance from mid-grey cut to a third): the pipeline, which stretches such a photo before its models see it
 * ({@link io.maskwatch.image.Exposure}), finds nearly all the faces it finds on the originals; the detector on the
 * pixels as they are loses many.
 */
class DimPhotosTest {

    @Test
    void facesInDimPhotosAreFound() throws Exception {
        check(0.25, 0, 20);
    }

    @Test
    void facesInWashedOutPhotosAreFound() throws Exception {
        check(0.35, 128, 10);
    }

    /** The reference photos {@link DimPhotos#flattened} by {@code k} toward {@code center}. */
    private static void check(double k, int center, int gain) throws Exception {
        ModelStore store = new ModelStore(ModelStoreConfig.defaults().withOffline(true));
        List<AnnotatedImage> photos = DatasetReaders.read(
                SharedFolder.require().resolve("datasets/reference-photos-validation"), DatasetOptions.DEFAULT).images();
        int faces = 0, foundByPipeline = 0, foundOnDimPixels = 0;
        try (Pipeline pipeline = new Pipeline(Detectors.create(Detectors.DEFAULT, DetectorConfig.DEFAULT,
                Detectors.defaultCheck(Detectors.DEFAULT), store::resolve, 1),
                new OnnxMaskClassifier(store.resolve("mask-classifier"), 1),
                PipelineConfig.DEFAULT.withDetectorBoxes())) { // the detector's boxes on both sides
            for (AnnotatedImage photo : photos) {
                BufferedImage dim = DimPhotos.flattened(ImageLoader.read(photo.image()), k, center);
                List<FaceResult> results = pipeline.run(dim);
                List<Face> plain = pipeline.detector().detect(dim);
                for (GroundTruthFace t : photo.faces()) {
                    faces++;
                    if (results.stream().anyMatch(r -> r.box().iou(t.box()) > Matching.IOU_THRESHOLD)) {
                        foundByPipeline++;
                    }
                    if (plain.stream().anyMatch(f -> f.box().iou(t.box()) > Matching.IOU_THRESHOLD)) {
                        foundOnDimPixels++;
                    }
                }
            }
        }
        String counts = "reference photos flattened to " + k + " toward " + center + ": " + foundByPipeline + " of " + faces + " faces found by the pipeline, "
                + foundOnDimPixels + " by the detector on the pixels as they are";
        System.out.println(counts);
        assertTrue(faces > 250, counts);
        assertTrue(foundByPipeline >= 0.95 * faces, counts);
        assertTrue(foundByPipeline >= foundOnDimPixels + gain, counts);
    }
}
