package io.maskwatch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same set written in both layouts reads back to the same photos, sizes, boxes and classes. */
class CrossFormatTest {

    @Test
    void vocAndCsvOfTheSameSetReadTheSame(@TempDir Path voc, @TempDir Path csv) throws IOException {
        SampleSet.VOC.write(voc, SampleSet.PHOTOS);
        SampleSet.CSV.write(csv, SampleSet.PHOTOS);
        Dataset a = DatasetReaders.read(voc, DatasetOptions.DEFAULT);
        Dataset b = DatasetReaders.read(csv, DatasetOptions.DEFAULT);
        assertEquals(DatasetFormat.VOC, a.format());
        assertEquals(DatasetFormat.MAKESENSE_CSV, b.format());
        assertEquals(strip(a.images(), voc), strip(b.images(), csv));
        assertEquals(3, a.images().size());
    }

    /** Images relative to their set folder, so the two sets compare equal. */
    private static List<AnnotatedImage> strip(List<AnnotatedImage> images, Path dir) {
        return images.stream().map(i -> new AnnotatedImage(dir.relativize(i.image()), i.width(), i.height(), i.faces())).toList();
    }
}
