package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageLoader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which passes the default detector runs on a big photo, seen through the real YuNet model: one where the first
 * pass finds nothing gets a scout pass at 1920 px, and the full-resolution detail pass only where the scout saw a
 * small face, not over all 12 Mpx.
 */
class ScoutPassTest {

    /** The real model, recording the scale and size of every tile it is given. */
    private static final class RecordingModel implements TileModel {
        final YuNetModel model = new YuNetModel(SharedData.model(YuNetModel.MODEL_ID), 1);
        final List<double[]> tiles = Collections.synchronizedList(new ArrayList<>());

        @Override public String name() { return model.name(); }
        @Override public int maxTile() { return model.maxTile(); }
        @Override public void close() { model.close(); }

        @Override
        public List<Face> detect(ImageTensor image, double scale, int tx, int ty, int tw, int th, double minScore) {
            tiles.add(new double[] {scale, tw, th});
            return model.detect(image, scale, tx, ty, tw, th, minScore);
        }

        /** Pixels of the model's input, over all tiles. */
        double pixels() {
            return tiles.stream().mapToDouble(t -> t[1] * t[2]).sum();
        }
    }

    private static BufferedImage blank() {
        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setColor(new Color(120, 130, 125));
        g.fillRect(0, 0, 4000, 3000);
        g.dispose();
        return big;
    }

    @Test
    void aBigPhotoWithoutFacesStopsAfterTheScout() {
        try (RecordingModel model = new RecordingModel();
             MultiScaleDetector detector = new MultiScaleDetector(model, DetectorConfig.DEFAULT)) {
            assertTrue(detector.detect(blank()).isEmpty());
            List<Double> scales = model.tiles.stream().map(t -> t[0]).distinct().toList();
            // the coarse passes (224 and 320 px) run too where the first pass found nothing: cheap, and for a face
            // filling the photo
            assertEquals(List.of(0.16, 0.48, 0.056, 0.08), scales,
                    "the first pass, the scout and the coarse passes, nothing at full size");
            assertTrue(model.pixels() < 3.5e6, model.pixels() + " px of model input");
        }
    }

    @Test
    void aSmallFaceAloneInABigPhotoIsFoundThroughTheScout() throws Exception {
        // the contract's case: a 28 px face (3.jpg's, annotated at 129 px) pasted into a 4000 x 3000 photo
        BufferedImage src = ImageLoader.read(SharedData.dataset("reference-photos-validation").resolve("images/3.jpg"));
        double k = 28 / 129.0;
        BufferedImage shrunk = new BufferedImage((int) Math.round(src.getWidth() * k),
                (int) Math.round(src.getHeight() * k), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = shrunk.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, shrunk.getWidth(), shrunk.getHeight(), null);
        g.dispose();
        BufferedImage big = blank();
        Graphics2D b = big.createGraphics();
        b.drawImage(shrunk, 2417, 1283, null);
        b.dispose();
        try (RecordingModel model = new RecordingModel();
             MultiScaleDetector detector = new MultiScaleDetector(model, DetectorConfig.DEFAULT)) {
            List<Face> faces = detector.detect(big);
            assertTrue(faces.stream().anyMatch(f -> f.box().x1() > 2417 && f.box().y1() > 1283
                    && f.box().x2() < 2417 + shrunk.getWidth() && f.box().y2() < 1283 + shrunk.getHeight()), faces.toString());
            List<Double> scales = model.tiles.stream().map(t -> t[0]).distinct().toList();
            assertEquals(List.of(0.16, 0.48, 1.0, 0.056, 0.08), scales);
            // full size only around what the scout saw: far less than the 12 Mpx photo
            double full = model.tiles.stream().filter(t -> t[0] == 1.0).mapToDouble(t -> t[1] * t[2]).sum();
            assertTrue(full < 1e6, full + " px at full size");
        }
    }
}
