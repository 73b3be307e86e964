package io.maskwatch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two annotated sets of ../shared read to the counts their README gives, without a warning. */
class SharedDatasetsTest {

    static Path shared() {
        return SharedFolder.require();
    }

    @Test
    void referencePhotosValidation() {
        Path dir = shared().resolve("datasets/reference-photos-validation");
        assertTrue(Files.isDirectory(dir), "shared data not present: " + dir);
        Dataset d = DatasetReaders.read(dir, DatasetOptions.DEFAULT.withStrict(true));
        assertEquals(DatasetFormat.MAKESENSE_CSV, d.format());
        assertEquals(137, d.images().size());
        assertEquals(263, d.faceCount());
        assertEquals(Map.of(FaceClass.MASKED, 123, FaceClass.UNMASKED, 140, FaceClass.INCORRECT, 0), d.classCounts());
        assertEquals(0, d.images().stream().filter(i -> i.faces().isEmpty()).count());
    }

    @Test
    void kaggleFaceMaskVoc() {
        Path dir = shared().resolve("datasets/kaggle-face-mask-voc");
        assertTrue(Files.isDirectory(dir), "shared data not present: " + dir);
        Dataset d = DatasetReaders.read(dir, DatasetOptions.DEFAULT.withStrict(true));
        assertEquals(DatasetFormat.VOC, d.format());
        assertEquals(853, d.images().size());
        assertEquals(4072, d.faceCount());
        assertEquals(Map.of(FaceClass.MASKED, 3232, FaceClass.UNMASKED, 717, FaceClass.INCORRECT, 123), d.classCounts());
        assertEquals("maksssksksss0.jpg", d.images().get(0).name());
        assertEquals(Path.of("maksssksksss0.xml").toString().replace(".xml", ".jpg"), d.images().get(0).name());
    }
}
