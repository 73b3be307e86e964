package io.maskwatch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReadersTest {

    @TempDir
    Path dir;

    @Test
    void folderWithoutAnnotationsSaysWhatWasExpected() throws IOException {
        Files.createDirectories(dir.resolve("images"));
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetReaders.open(dir));
        assertTrue(e.getMessage().contains("annotations/*.xml") && e.getMessage().contains("annotations.csv"), e.getMessage());
        DatasetException missing = assertThrows(DatasetException.class, () -> DatasetReaders.open(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("no such folder"), missing.getMessage());
    }

    @Test
    void labelsFileErrorsNameFileAndLine() throws IOException {
        Path f = Files.writeString(dir.resolve("labels.txt"), "hat = masked\nscarf = maybe\n");
        DatasetException e = assertThrows(DatasetException.class, () -> LabelMap.load(f));
        assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
        Path g = Files.writeString(dir.resolve("labels2.txt"), "incorrect_counts_as = masked\n");
        LabelMap m = LabelMap.load(g);
        assertTrue(m.countsAsMasked(FaceClass.INCORRECT));
        assertTrue(!LabelMap.DEFAULT.countsAsMasked(FaceClass.INCORRECT));
        assertEquals(FaceClass.MASKED, m.classOf(" With_Mask ").orElseThrow());
    }

    @Test
    void imageListRestrictsTheSetAndRejectsUnknownNames() throws IOException {
        SampleSet.CSV.write(dir, SampleSet.PHOTOS);
        Dataset d = DatasetReaders.read(dir, DatasetOptions.DEFAULT);
        Path list = Files.writeString(dir.resolve("held-out.txt"), "# held out, seed 1\nphoto11.jpg\nimages/photo2.jpg\n");
        Dataset r = d.restrictTo(ImageList.load(list));
        assertEquals(List.of("photo2.jpg", "photo11.jpg"), r.images().stream().map(AnnotatedImage::name).toList());
        Path bad = Files.writeString(dir.resolve("bad.txt"), "photo2.jpg\nmissing.jpg\n");
        DatasetException e = assertThrows(DatasetException.class, () -> d.restrictTo(ImageList.load(bad)));
        assertTrue(e.getMessage().contains("missing.jpg"), e.getMessage());
    }

    @Test
    void imageListWriteKeepsItsFormat() throws IOException {
        Path file = dir.resolve("lists/held-out.txt");
        new ImageList("test", List.of("photo11.jpg", "images/photo2.jpg")).write(file, "held out\nseed 1");
        assertEquals("# held out\n# seed 1\nphoto11.jpg\nimages/photo2.jpg\n", Files.readString(file));
        assertEquals(List.of("photo11.jpg", "images/photo2.jpg"), ImageList.load(file).names());
        // A second write replaces the file whole and leaves no temporary file beside it.
        new ImageList("test", List.of("a.jpg")).write(file, null);
        assertEquals("a.jpg\n", Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void naturalOrder() {
        List<String> names = new java.util.ArrayList<>(List.of("a10.jpg", "a2.jpg", "a1.jpg", "b.jpg", "a02.jpg"));
        names.sort(NaturalOrder::compare);
        assertEquals(List.of("a1.jpg", "a02.jpg", "a2.jpg", "a10.jpg", "b.jpg"), names);
    }
}
