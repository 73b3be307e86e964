package io.maskwatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.image.Resampler;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed classifier (models/mask-classifier.onnx, found through the model store) on real faces:
 * crops from ../shared/datasets/real-face-crops and the ground-truth boxes of reference-photos-validation
 * (never used in training).
 */
class RealMaskClassifierTest {

    static final Path SHARED = OnnxMaskClassifierTest.SHARED;
    static OnnxMaskClassifier classifier;

    @BeforeAll
    static void open() {
        ModelStore store = new ModelStore(ModelStoreConfig.defaults().withOffline(true));
        classifier = new OnnxMaskClassifier(store.resolve("mask-classifier"), 1);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void modelCarriesTheAgreedMetadata() {
        Map<String, String> m = classifier.metadata();
        for (String key : List.of(ClassifierContract.EXPAND, ClassifierContract.SQUARE, ClassifierContract.SIZE,
                ClassifierContract.MEAN, ClassifierContract.STD, ClassifierContract.THRESHOLD, ClassifierContract.SEED)) {
            assertTrue(m.containsKey(key), key + " missing from " + m.keySet());
        }
        double t = classifier.defaultThreshold();
        assertTrue(t > 0.05 && t < 0.95, "threshold " + t);
        // the committed file is the three-class model: masked, incorrect (mask under the nose or on the chin), unmasked
        assertEquals(List.of("masked", "incorrect", "unmasked"), classifier.contract().classes());
        assertTrue(!classifier.contract().singleColumn());
        assertEquals(42, classifier.contract().provenance().seed());
    }

    /** Every {@code step}-th file (sorted by name) of a class folder: a fixed, spread-out sample. */
    private static List<Path> sample(Path dir, int n) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(Files::isRegularFile).sorted().toList();
        }
        int step = Math.max(1, all.size() / n);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < all.size() && out.size() < n; i += step) {
            out.add(all.get(i));
        }
        return out;
    }

    private static float[] scoreWholeCrops(List<Path> files) throws IOException {
        float[] p = new float[files.size()];
        for (int i = 0; i < p.length; i++) {
            BufferedImage img = ImageLoader.read(files.get(i));
            // The crop is the face: its box is the whole picture.
            MaskState s = classifier.classify(img, List.of(new Box(0, 0, img.getWidth(), img.getHeight()))).get(0);
            assertEquals(1f, s.masked() + s.incorrect() + s.unmasked(), 1e-5f);
            p[i] = s.masked();
        }
        return p;
    }

    /**
     * A face's answer is the mean of the model's answers for its crop and the crop's mirror image, and the mirror
     * image is a real one: the model's two views differ, and mirroring twice gives the crop back.
     */
    @Test
    void aFaceIsAnsweredFromItsCropAndItsMirrorImage() throws IOException {
        BufferedImage photo = ImageLoader.read(OnnxMaskClassifierTest.PHOTOS.resolve("images/0.jpg"));
        Box face = new Box(549, 319, 802, 620);   // its annotated (masked) face
        BufferedImage crop = FaceCrops.crop(photo, face, classifier.cropSpec());
        BufferedImage mirror = FaceCrops.mirrored(crop);
        assertEquals(crop.getRGB(0, 10), mirror.getRGB(crop.getWidth() - 1, 10));
        assertTrue(java.util.Arrays.equals(Resampler.bgrBytes(crop), Resampler.bgrBytes(FaceCrops.mirrored(mirror))));
        List<MaskState> views = classifier.classifyCrops(List.of(crop, mirror));
        assertTrue(views.get(0).unmasked() != views.get(1).unmasked(), views.toString());
        MaskState both = classifier.classify(photo, List.of(face)).get(0);
        MaskState expected = MaskState.mean(views.get(0), views.get(1));
        assertEquals(expected.masked(), both.masked(), 1e-6f);
        assertEquals(expected.incorrect(), both.incorrect(), 1e-6f);
        assertEquals(expected.unmasked(), both.unmasked(), 1e-6f);
    }

    @Test
    void maskedCropsScoreHigherThanUnmaskedOnes() throws IOException {
        Path crops = SHARED.resolve("datasets/real-face-crops");
        float[] masked = scoreWholeCrops(sample(crops.resolve("with_mask"), 60));
        float[] unmasked = scoreWholeCrops(sample(crops.resolve("without_mask"), 60));
        double mMean = mean(masked);
        double uMean = mean(unmasked);
        double auc = auc(masked, unmasked);
        System.out.printf(Locale.ROOT, "real-face-crops: mean P(masked) %.3f masked vs %.3f unmasked, AUC %.3f%n",
                mMean, uMean, auc);
        assertTrue(mMean > uMean + 0.3, mMean + " vs " + uMean);
        assertTrue(auc > 0.9, "AUC " + auc);
    }

    @Test
    void separatesMaskedFromUnmaskedFacesOnUnseenPhotos() throws IOException {
        Path set = SHARED.resolve("datasets/reference-photos-validation");
        Map<String, List<String[]>> byImage = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(set.resolve("annotations.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            byImage.computeIfAbsent(f[5], k -> new ArrayList<>()).add(f);
        }
        List<Float> masked = new ArrayList<>();
        List<Float> unmasked = new ArrayList<>();
        int correct = 0;
        for (Map.Entry<String, List<String[]>> e : byImage.entrySet()) {
            BufferedImage img = ImageLoader.read(set.resolve("images").resolve(e.getKey()));
            List<Box> boxes = e.getValue().stream().map(f -> Box.ofSize(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]))).toList();
            float[] p = classifier.maskProbabilities(img, boxes);
            for (int i = 0; i < p.length; i++) {
                boolean isMasked = e.getValue().get(i)[0].equals("with_mask");
                (isMasked ? masked : unmasked).add(p[i]);
                if (isMasked == (p[i] >= classifier.defaultThreshold())) {
                    correct++;
                }
            }
        }
        assertEquals(263, masked.size() + unmasked.size());
        double accuracy = correct / 263.0;
        double auc = auc(toArray(masked), toArray(unmasked));
        System.out.printf(Locale.ROOT, "reference-photos-validation GT boxes: accuracy %.3f at %.4f, AUC %.4f (%d masked, %d unmasked)%n",
                accuracy, classifier.defaultThreshold(), auc, masked.size(), unmasked.size());
        // Loose bounds: they catch a broken crop or channel order, not a slightly weaker retrain.
        assertTrue(auc > 0.9, "AUC " + auc);
        assertTrue(accuracy > 0.8, "accuracy " + accuracy);
    }

    private static float[] toArray(List<Float> l) {
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static double mean(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** P(a random positive scores above a random negative), ties counting half. */
    static double auc(float[] pos, float[] neg) {
        double wins = 0;
        for (float p : pos) {
            for (float n : neg) {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return wins / ((double) pos.length * neg.length);
    }
}
