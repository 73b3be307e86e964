package io.maskwatch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.detect.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract every {@link DatasetReader} passes; one subclass per layout supplies a writer for it. */
abstract class DatasetReaderContract {

    @TempDir
    Path dir;

    abstract DatasetReader reader();

    abstract SampleSet.Writer writer();

    /**
     * Makes the 2nd face of the first photo unparseable (a non-number coordinate or a short row) and
     * returns "file:line" of that face as a warning names it.
     */
    abstract String breakSecondFaceOfFirstPhoto(Path dir) throws IOException;

    /** "file:line" where the layout names the given photo (a warning about the photo points there). */
    abstract String whereNamed(Path dir, SampleSet.Photo photo) throws IOException;

    Dataset read(DatasetOptions options) {
        return reader().read(dir, options);
    }

    @Test
    void readsPhotosBoxesAndClassesInNaturalOrder() throws IOException {
        writer().write(dir, SampleSet.PHOTOS);
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(List.of(), d.warnings());
        assertEquals(reader().format(), d.format());
        assertEquals(List.of("photo2.jpg", "photo10.png", "photo11.jpg"), d.images().stream().map(AnnotatedImage::name).toList());
        for (int i = 0; i < 3; i++) {
            SampleSet.Photo p = SampleSet.PHOTOS.get(i);
            AnnotatedImage a = d.images().get(i);
            assertEquals(dir.resolve("images").resolve(p.name()), a.image());
            assertEquals(p.width(), a.width());
            assertEquals(p.height(), a.height());
            assertEquals(p.faces().size(), a.faces().size());
            for (int j = 0; j < p.faces().size(); j++) {
                SampleSet.Face f = p.faces().get(j);
                GroundTruthFace g = a.faces().get(j);
                assertEquals(new Box(f.x1(), f.y1(), f.x2(), f.y2()), g.box());
                assertEquals(f.label(), g.rawLabel());
            }
        }
        assertEquals(List.of(FaceClass.UNMASKED, FaceClass.INCORRECT, FaceClass.MASKED),
                d.images().get(1).faces().stream().map(GroundTruthFace::cls).toList());
        assertEquals(Map.of(FaceClass.MASKED, 2, FaceClass.UNMASKED, 2, FaceClass.INCORRECT, 1), d.classCounts());
        assertEquals(5, d.faceCount());
    }

    @Test
    void layoutIsDetectedAutomatically() throws IOException {
        writer().write(dir, SampleSet.PHOTOS);
        assertEquals(reader().format(), DatasetReaders.detect(dir).format());
        assertEquals(3, DatasetReaders.open(dir).size());
    }

    @Test
    void missingImageIsAWarningNamingFileAndLineAndAnErrorWhenStrict() throws IOException {
        writer().write(dir, SampleSet.PHOTOS);
        Files.delete(dir.resolve("images/photo10.png"));
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(List.of("photo2.jpg", "photo11.jpg"), d.images().stream().map(AnnotatedImage::name).toList());
        assertEquals(1, d.warnings().size(), d.warnings().toString());
        String w = d.warnings().get(0).toString();
        assertTrue(w.startsWith(whereNamed(dir, SampleSet.PHOTOS.get(1)) + ": image not found"), w);
        assertTrue(w.contains("photo10.png"), w);
        DatasetException e = assertThrows(DatasetException.class, () -> read(DatasetOptions.DEFAULT.withStrict(true)));
        assertTrue(e.getMessage().contains(w), e.getMessage());
    }

    @Test
    void boxOutsideTheImageIsClippedOrSkippedWithAWarning() throws IOException {
        List<SampleSet.Photo> photos = List.of(new SampleSet.Photo("p.jpg", 64, 48, List.of(
                new SampleSet.Face("with_mask", -20, 5, 10, 20),       // crosses the left edge: clipped
                new SampleSet.Face("no_mask", 100, 100, 120, 120),     // entirely outside: skipped
                new SampleSet.Face("no_mask", 40, 30, 64.8, 48.5))));  // within the 1 px tolerance: silent
        writer().write(dir, photos);
        Dataset d = read(DatasetOptions.DEFAULT);
        List<GroundTruthFace> faces = d.images().get(0).faces();
        assertEquals(List.of(new Box(0, 5, 10, 20), new Box(40, 30, 64, 48)), faces.stream().map(GroundTruthFace::box).toList());
        assertEquals(2, d.warnings().size(), d.warnings().toString());
        assertTrue(d.warnings().get(0).toString().contains("extends outside the 64x48 image; clipped"), d.warnings().toString());
        assertTrue(d.warnings().get(1).toString().contains("lies outside the 64x48 image; face skipped"), d.warnings().toString());
        assertTrue(d.warnings().stream().allMatch(w -> w.line() > 0), d.warnings().toString());
        assertThrows(DatasetException.class, () -> read(DatasetOptions.DEFAULT.withStrict(true)));
    }

    @Test
    void malformedRecordIsSkippedWithFileAndLine() throws IOException {
        writer().write(dir, SampleSet.PHOTOS);
        String where = breakSecondFaceOfFirstPhoto(dir);
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(1, d.warnings().size(), d.warnings().toString());
        assertTrue(d.warnings().get(0).toString().startsWith(where + ": "), d.warnings() + " vs " + where);
        assertEquals(1, d.images().get(0).faces().size());
        assertEquals(4, d.faceCount());
        DatasetException e = assertThrows(DatasetException.class, () -> read(DatasetOptions.DEFAULT.withStrict(true)));
        assertTrue(e.getMessage().contains(where), e.getMessage());
    }

    @Test
    void unknownLabelsAreAnErrorNamingThemUnlessMapped() throws IOException {
        List<SampleSet.Photo> photos = new ArrayList<>(SampleSet.PHOTOS);
        photos.add(new SampleSet.Photo("hats.jpg", 40, 40, List.of(
                new SampleSet.Face("hat", 1, 1, 10, 10), new SampleSet.Face("hat", 11, 11, 20, 20),
                new SampleSet.Face("scarf", 21, 21, 30, 30))));
        writer().write(dir, photos);
        DatasetException e = assertThrows(DatasetException.class, () -> read(DatasetOptions.DEFAULT));
        assertTrue(e.getMessage().contains("'hat' (2x"), e.getMessage());
        assertTrue(e.getMessage().contains("'scarf' (1x"), e.getMessage());
        assertTrue(e.getMessage().contains("--labels"), e.getMessage());

        Path labels = Files.writeString(dir.resolve("labels.txt"), "# extra labels\nhat = masked\nSCARF: unmasked\n");
        Dataset d = read(DatasetOptions.DEFAULT.withLabels(LabelMap.load(labels)));
        AnnotatedImage hats = d.images().stream().filter(i -> i.name().equals("hats.jpg")).findFirst().orElseThrow();
        assertEquals(List.of(FaceClass.MASKED, FaceClass.MASKED, FaceClass.UNMASKED),
                hats.faces().stream().map(GroundTruthFace::cls).toList());
    }

    @Test
    void annotatedSizeDifferentFromThePhotoScalesTheBoxesWithAWarning() throws IOException {
        writer().write(dir, List.of(new SampleSet.Photo("p.jpg", 64, 48, List.of(new SampleSet.Face("mask", 8, 8, 16, 24)))));
        // Replace the photo by one twice as large, as if resized after annotation.
        SampleSet.writeImages(dir, List.of(new SampleSet.Photo("p.jpg", 128, 96, List.of())));
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(new Box(16, 16, 32, 48), d.images().get(0).faces().get(0).box());
        assertEquals(128, d.images().get(0).width());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).message().contains("boxes scaled"), d.warnings().toString());
    }
}
