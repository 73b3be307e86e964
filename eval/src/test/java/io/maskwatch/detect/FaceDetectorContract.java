package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageLoader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link FaceDetector} must do, on real photos from reference-photos-validation. A subclass
 * names the detector; each implementation runs this whole suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaceDetectorContract {

    /** Photos with faces from 16 px to 500 px, one to many faces each. */
    private static final List<String> PHOTOS = List.of("3.jpg", "8.jpg", "35.jpg", "127.jpg", "204.jpg", "62.jpg");

    private FaceDetector detector;
    private List<AnnotatedPhotos.Photo> photos;
    private List<BufferedImage> images;

    protected abstract String detectorName();

    /** The detector under test with {@code config}: by default the plain detector of that name. */
    protected FaceDetector create(DetectorConfig config) {
        return Detectors.create(detectorName(), config, SharedData::model, 1);
    }

    /** The lowest score a face may have: the confidence, unless the implementation keeps faces below it. */
    protected double minScore() {
        return DetectorConfig.DEFAULT.confidence();
    }

    @BeforeAll
    void open() throws Exception {
        detector = create(DetectorConfig.DEFAULT);
        photos = AnnotatedPhotos.read(SharedData.dataset("reference-photos-validation")).stream()
                .filter(p -> PHOTOS.contains(p.image().getFileName().toString())).toList();
        assertEquals(PHOTOS.size(), photos.size(), "test photos missing from annotations.csv");
        images = new ArrayList<>();
        for (AnnotatedPhotos.Photo p : photos) {
            images.add(ImageLoader.read(p.image()));
        }
    }

    @AfterAll
    void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void nameIsTheOneItWasCreatedBy() {
        assertEquals(detectorName(), detector.name());
    }

    @Test
    void findsTheAnnotatedFaces() {
        int total = 0, found = 0;
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            List<Face> faces = detector.detect(images.get(i));
            for (Box truth : photos.get(i).faces()) {
                total++;
                if (faces.stream().anyMatch(f -> f.box().iou(truth) > 0.5)) {
                    found++;
                } else {
                    missed.add(photos.get(i).image().getFileName() + " " + truth);
                }
            }
        }
        // 62.jpg holds two masked faces with glasses (38 and 58 px) that only a 1280 px pass finds; allow both
        assertTrue(found >= total - 2, "found " + found + " of " + total + "; missed " + missed);
    }

    @Test
    void boxesInsideTheImageLandmarksNearTheBoxScoresDescending() {
        for (BufferedImage img : images) {
            List<Face> faces = detector.detect(img);
            assertFalse(faces.isEmpty());
            double previous = Double.POSITIVE_INFINITY;
            for (Face f : faces) {
                Box b = f.box();
                assertTrue(b.x1() >= 0 && b.y1() >= 0 && b.x2() <= img.getWidth() && b.y2() <= img.getHeight(),
                        "box outside the image: " + b);
                assertTrue(b.width() >= 1 && b.height() >= 1, "empty box " + b);
                assertTrue(f.score() >= minScore() && f.score() <= 1, "score " + f.score());
                assertTrue(f.score() <= previous, "scores not in descending order");
                previous = f.score();
                assertEquals(5, f.landmarks().size());
                double slackX = b.width() * 0.5, slackY = b.height() * 0.5;
                for (Point p : f.landmarks()) {
                    assertTrue(p.x() >= b.x1() - slackX && p.x() <= b.x2() + slackX
                            && p.y() >= b.y1() - slackY && p.y() <= b.y2() + slackY, "landmark " + p + " far from " + b);
                }
            }
        }
    }

    @Test
    void landmarksAreInFaceOrder() {
        // the largest, upright, frontal face of photo 8.jpg: eyes above the mouth, left eye left of right eye
        Face f = detector.detect(images.get(indexOf("8.jpg"))).get(0);
        List<Point> l = f.landmarks();
        assertTrue(l.get(0).x() < l.get(1).x(), "eyes: " + l);
        assertTrue(l.get(3).x() < l.get(4).x(), "mouth corners: " + l);
        double eyesY = (l.get(0).y() + l.get(1).y()) / 2;
        double mouthY = (l.get(3).y() + l.get(4).y()) / 2;
        assertTrue(eyesY < l.get(2).y() && l.get(2).y() < mouthY, "eyes, nose, mouth top to bottom: " + l);
    }

    private int indexOf(String name) {
        for (int i = 0; i < photos.size(); i++) {
            if (photos.get(i).image().getFileName().toString().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void blankImagesHaveNoFaces() {
        for (Color c : new Color[] {Color.BLACK, Color.WHITE, Color.GRAY}) {
            BufferedImage blank = new BufferedImage(800, 600, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = blank.createGraphics();
            g.setColor(c);
            g.fillRect(0, 0, 800, 600);
            g.dispose();
            assertEquals(List.of(), detector.detect(blank), "faces on a blank " + c + " image");
        }
    }

    @Test
    void tinyAndOddImagesWork() {
        for (int[] size : new int[][] {{1, 1}, {7, 3}, {31, 33}, {640, 1}, {1, 2000}}) {
            BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
            assertTrue(detector.detect(img).isEmpty(), size[0] + "x" + size[1]);
        }
        // a face photo shrunk to 64 px still gives boxes inside it
        BufferedImage small = resize(images.get(indexOf("8.jpg")), 64);
        for (Face f : detector.detect(small)) {
            assertTrue(f.box().x2() <= small.getWidth() && f.box().y2() <= small.getHeight());
        }
    }

    @Test
    void otherImageTypesGiveTheSameFaces() {
        BufferedImage bgr = images.get(indexOf("35.jpg"));
        BufferedImage rgb = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(bgr, 0, 0, null);
        assertEquals(detector.detect(bgr), detector.detect(rgb));
    }

    @Test
    void sameResultFromManyThreads() throws Exception {
        List<List<Face>> expected = images.stream().map(detector::detect).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Face>>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (BufferedImage img : images) {
                    futures.add(pool.submit(() -> detector.detect(img)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % images.size()), futures.get(i).get(), "thread result differs");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void smallFaceInABigPhotoIsFoundByTheDefaultScales() {
        // a 28 px face (annotated in 3.jpg at 129 px) pasted into a 4000 x 3000 photo: 640 px alone shrinks it
        // to under 5 px; the default passes must still find it
        AnnotatedPhotos.Photo photo = photos.get(indexOf("3.jpg"));
        BufferedImage src = images.get(indexOf("3.jpg"));
        Box face = photo.faces().get(0);
        double k = 28 / face.width();
        BufferedImage shrunk = resize(src, (int) Math.round(src.getWidth() * k));
        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setColor(new Color(120, 130, 125));
        g.fillRect(0, 0, 4000, 3000);
        int ox = 2417, oy = 1283;
        g.drawImage(shrunk, ox, oy, null);
        g.dispose();
        Box expected = face.transform(k, ox, oy);
        List<Face> faces = detector.detect(big);
        assertTrue(faces.stream().anyMatch(f -> f.box().iou(expected) > 0.5),
                "no face near " + expected + " in " + faces);
        // and one pass at 640 alone does lose it: the reason for the default's extra pass
        try (FaceDetector single = create(DetectorConfig.DEFAULT.withLongSides(List.of(640)).withDetailScale(0))) {
            assertTrue(single.detect(big).stream().noneMatch(f -> f.box().iou(expected) > 0.5));
        }
    }

    @Test
    void facesFillingACloseUpAreFoundByTheDefaultScales() throws Exception {
        // each face of at least 60 px of the reference photos, cut out as a square close-up whose side it fills to
        // 90%: at 640 px such a face is bigger than the model finds, and the default's coarse passes are there for it
        int total = 0;
        int found = 0;
        int foundWithoutCoarse = 0;
        List<String> missed = new ArrayList<>();
        try (FaceDetector withoutCoarse = create(DetectorConfig.DEFAULT.withCoarseSides(List.of()))) {
            for (AnnotatedPhotos.Photo photo : AnnotatedPhotos.read(SharedData.dataset("reference-photos-validation"))) {
                if (photo.faces().stream().noneMatch(f -> f.size() >= 60)) {
                    continue;
                }
                for (CloseUps.CloseUp c : CloseUps.cut(photo, ImageLoader.read(photo.image()), 0.9, 60)) {
                    total++;
                    if (detector.detect(c.image()).stream().anyMatch(f -> f.box().iou(c.face()) > 0.5)) {
                        found++;
                    } else {
                        missed.add(c.name());
                    }
                    if (withoutCoarse.detect(c.image()).stream().anyMatch(f -> f.box().iou(c.face()) > 0.5)) {
                        foundWithoutCoarse++;
                    }
                }
            }
        }
        String counts = "close-ups: " + found + " of " + total + " found (" + foundWithoutCoarse
                + " without the coarse passes); missed " + missed;
        System.out.println(detectorName() + " " + counts);
        assertTrue(total >= 90, counts);
        assertTrue(found >= 0.9 * total, counts);
        assertTrue(found >= foundWithoutCoarse + 2, counts);
    }

    static BufferedImage resize(BufferedImage src, int width) {
        int height = Math.max(1, (int) Math.round(src.getHeight() * width / (double) src.getWidth()));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // shrink in halves so the small face is not aliased
        BufferedImage cur = src;
        while (cur.getWidth() / 2 > width) {
            BufferedImage half = new BufferedImage(cur.getWidth() / 2, Math.max(1, cur.getHeight() / 2),
                    BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D h = half.createGraphics();
            h.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            h.drawImage(cur, 0, 0, half.getWidth(), half.getHeight(), null);
            h.dispose();
            cur = half;
        }
        g.drawImage(cur, 0, 0, width, height, null);
        g.dispose();
        return out;
    }
}
