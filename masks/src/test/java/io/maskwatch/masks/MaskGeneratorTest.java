package io.maskwatch.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.csv.CsvFiles;
import io.maskwatch.detect.DetectorConfig;
import io.maskwatch.detect.Detectors;
import io.maskwatch.detect.FaceDetector;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on real photos with the real detector and landmark model. */
class MaskGeneratorTest {

    static final Path SHARED = Pfld68LandmarksTest.SHARED;
    static final List<String> PHOTOS = List.of("n000001_0021_01.jpg", "n000029_0352_01.jpg", "n000106_0100_01.jpg",
            "n000452_0167_01.jpg", "n000082_0031_02.jpg", "n000129_0428_01.jpg");

    @TempDir
    static Path tmp;

    static Path faces;
    static FaceDetector detector;
    static Pfld68Landmarks pfld;

    @BeforeAll
    static void setUp() throws Exception {
        faces = Files.createDirectories(tmp.resolve("faces"));
        for (String p : PHOTOS) {
            Files.copy(SHARED.resolve("datasets/vggface2-sample").resolve(p), faces.resolve(p));
        }
        // Not a face: a smooth gradient (nothing for the detector) ...
        BufferedImage wall = new BufferedImage(200, 220, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 220; y++) {
            for (int x = 0; x < 200; x++) {
                wall.setRGB(x, y, (x << 16) | (y << 8) | 90);
            }
        }
        ImageIO.write(wall, "jpg", faces.resolve("wall.jpg").toFile());
        // ... and a file that is not an image at all.
        Files.writeString(faces.resolve("broken.jpg"), "this is not a JPEG");
        ModelStore store = new ModelStore(ModelStoreConfig.defaults().withOffline(true));
        detector = Detectors.create(Detectors.DEFAULT, DetectorConfig.DEFAULT, store::resolve, 1);
        pfld = new Pfld68Landmarks(store.resolve("pfld-68"), 1);
    }

    @AfterAll
    static void tearDown() {
        detector.close();
        pfld.close();
    }

    static GenerationSummary run(Path out, long seed, int threads) throws Exception {
        GenerateConfig c = GenerateConfig.of(faces, MaskPlacementTest.TEMPLATES, out, seed, 0, threads);
        return new MaskGenerator(c, detector, pfld, MaskPlacementTest.library()).run(null);
    }

    @Test
    void writesCropsAndManifestAndIsReproducible() throws Exception {
        Path a = tmp.resolve("a");
        GenerationSummary s = run(a, 7, 2);
        assertEquals(PHOTOS.size() + 2, s.photos());
        assertEquals(1, s.skipped().get(FaceMasker.UNREADABLE), s.skipped().toString());
        assertEquals(1, s.skipped().get(FaceMasker.NO_FACE), s.skipped().toString());
        assertTrue(s.generated() >= PHOTOS.size() - 1, "generated " + s.generated() + ", skipped " + s.skipped());
        assertTrue(s.anyFailed());

        assertEquals(ManifestRow.header(), Files.readAllLines(a.resolve("manifest.csv")).get(0));
        List<CsvFiles.Row> manifest = CsvFiles.read(a.resolve("manifest.csv"));
        assertEquals(s.generated(), manifest.size() - 1);
        List<String> cols = manifest.get(0).fields();
        for (CsvFiles.Row line : manifest.subList(1, manifest.size())) {
            List<String> r = line.fields();
            assertEquals(cols.size(), r.size(), line.toString());
            assertEquals("7", r.get(cols.indexOf("seed")));
            assertTrue(PHOTOS.contains(r.get(cols.indexOf("source"))));
            assertTrue(r.get(cols.indexOf("person")).matches("n\\d{6}"));
            BufferedImage masked = ImageIO.read(a.resolve(r.get(cols.indexOf("file_masked"))).toFile());
            BufferedImage unmasked = ImageIO.read(a.resolve(r.get(cols.indexOf("file_unmasked"))).toFile());
            assertEquals(masked.getWidth(), unmasked.getWidth());
            assertEquals(masked.getHeight(), unmasked.getHeight());
            double x1 = Double.parseDouble(r.get(cols.indexOf("box_x1")));
            double y2 = Double.parseDouble(r.get(cols.indexOf("box_y2")));
            assertTrue(x1 >= 0 && y2 <= masked.getHeight() + 1, "face box inside the crop: " + line);
            Landmarks68 lm = Landmarks68.parse(r.get(cols.indexOf("landmarks")));
            // The mask changed the lower face (around the mouth) of the crop, not the eyes.
            assertTrue(differs(masked, unmasked, lm.mouth(), 2) > 20, "mask over the mouth: " + line);
            assertTrue(differs(masked, unmasked, lm.leftEye(), 1) < 12, "eyes untouched: " + line);
        }
        List<ManifestRow> rows = MaskManifest.read(a);
        assertEquals(s.generated(), rows.size());
        assertEquals(Files.readAllLines(a.resolve("manifest.csv")).get(1), rows.get(0).csv(), "the manifest reads back to the same row");
        List<String> skipped = Files.readAllLines(a.resolve("skipped.csv"));
        assertTrue(skipped.stream().anyMatch(l -> l.contains("broken.jpg") && l.contains("unreadable")));
        assertTrue(skipped.stream().anyMatch(l -> l.contains("wall.jpg") && l.contains("no_face")));
        assertTrue(Files.readString(a.resolve("summary.json")).contains("\"seed\" : 7"));

        // Same seed, other thread count: the same bytes.
        Path b = tmp.resolve("b");
        run(b, 7, 1);
        assertEquals(manifest, CsvFiles.read(b.resolve("manifest.csv")));
        assertEquals(Files.readAllLines(a.resolve("skipped.csv")), Files.readAllLines(b.resolve("skipped.csv")));
        for (String sub : List.of("masked", "unmasked")) {
            try (Stream<Path> files = Files.list(a.resolve(sub))) {
                for (Path f : files.toList()) {
                    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(sub).resolve(f.getFileName())), f.toString());
                }
            }
        }
        // Another seed: other choices.
        Path c = tmp.resolve("c");
        run(c, 8, 2);
        assertNotEquals(manifest, Files.readAllLines(c.resolve("manifest.csv")));

        Path sheet = tmp.resolve("sheet.png");
        assertEquals(s.generated(), ContactSheet.write(a, sheet, 48, 1, 100, 4));
        assertTrue(ImageIO.read(sheet.toFile()).getWidth() > 0);
    }

    /** Mean absolute difference (0..255) of the two crops in a small square around p. */
    private static double differs(BufferedImage a, BufferedImage b, io.maskwatch.detect.Point p, int r) {
        double sum = 0;
        int n = 0;
        for (int y = (int) p.y() - r; y <= (int) p.y() + r; y++) {
            for (int x = (int) p.x() - r; x <= (int) p.x() + r; x++) {
                if (x < 0 || y < 0 || x >= a.getWidth() || y >= a.getHeight()) {
                    continue;
                }
                int pa = a.getRGB(x, y), pb = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs(((pa >> s) & 0xff) - ((pb >> s) & 0xff));
                }
                n += 3;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
