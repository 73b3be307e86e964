package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import io.maskwatch.model.SharedFolder;
import io.maskwatch.pipeline.ChinExtension;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;
import io.maskwatch.pipeline.Pipelines;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On the reference photos, the reported box reaching the chin ({@link ChinExtension#DEFAULT}) fits the hand-drawn
 * masked faces better than the detector's box, and moving it toward the masked-face detector's box
 * ({@link PipelineConfig#maskedBoxWeight}) finds more of them; each finds at least as many faces of each class as the
 * step before, and every label stays as it was (the classifier sees the detector's box either way).
 */
class WholeFaceBoxTest {

    @Test
    void wholeFaceBoxesFitMaskedFacesBetter() throws Exception {
        ModelStore store = new ModelStore(ModelStoreConfig.defaults().withOffline(true));
        List<AnnotatedImage> photos = DatasetReaders.read(
                SharedFolder.require().resolve("datasets/reference-photos-validation"), DatasetOptions.DEFAULT).images();
        Fit whole = new Fit(), chin = new Fit(), detector = new Fit();
        try (Pipeline pipeline = Pipelines.openDefault(store, 1)) {
            // sharing the models; closed with pipeline
            Pipeline chinOnly = new Pipeline(pipeline.detector(), pipeline.classifier(), PipelineConfig.DEFAULT.withMaskedBoxWeight(0));
            Pipeline plain = new Pipeline(pipeline.detector(), pipeline.classifier(), PipelineConfig.DEFAULT.withDetectorBoxes());
            for (AnnotatedImage photo : photos) {
                BufferedImage image = ImageLoader.read(photo.image());
                List<FaceResult> a = pipeline.run(image), b = chinOnly.run(image), c = plain.run(image);
                assertEquals(c.stream().map(FaceResult::label).toList(), a.stream().map(FaceResult::label).toList(),
                        photo.image().toString());
                assertEquals(c.stream().map(FaceResult::label).toList(), b.stream().map(FaceResult::label).toList(),
                        photo.image().toString());
                for (GroundTruthFace t : photo.faces()) {
                    whole.add(t, a);
                    chin.add(t, b);
                    detector.add(t, c);
                }
            }
        }
        String counts = "faces found (masked, unmasked), median IoU of masked faces: default " + whole
                + ", reaching the chin only " + chin + ", the detector's box " + detector;
        System.out.println(counts);
        assertTrue(chin.masked.size() > 110 && chin.unmasked >= detector.unmasked, counts);
        assertTrue(chin.masked.size() >= detector.masked.size(), counts);
        assertTrue(chin.medianMaskedIou() >= detector.medianMaskedIou() + 0.02, counts);
        assertTrue(whole.masked.size() > chin.masked.size() && whole.unmasked >= chin.unmasked, counts);
        assertTrue(whole.medianMaskedIou() >= chin.medianMaskedIou(), counts);
    }

    /** The annotated faces one setting finds, and the IoU of each masked one with its best box. */
    private static final class Fit {
        final List<Double> masked = new ArrayList<>();
        int unmasked;

        void add(GroundTruthFace truth, List<FaceResult> found) {
            double iou = found.stream().mapToDouble(f -> f.box().iou(truth.box())).max().orElse(0);
            if (iou <= Matching.IOU_THRESHOLD) {
                return;
            }
            if (truth.cls() == FaceClass.MASKED) {
                masked.add(iou);
            } else {
                unmasked++;
            }
        }

        double medianMaskedIou() {
            return masked.stream().sorted().toList().get(masked.size() / 2);
        }

        @Override
        public String toString() {
            return masked.size() + unmasked + " (" + masked.size() + ", " + unmasked + "), " + String.format("%.3f", medianMaskedIou());
        }
    }
}
