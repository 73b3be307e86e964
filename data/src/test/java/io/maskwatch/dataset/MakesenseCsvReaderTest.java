package io.maskwatch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maskwatch.detect.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MakesenseCsvReaderTest extends DatasetReaderContract {

    @Override
    DatasetReader reader() {
        return new MakesenseCsvReader();
    }

    @Override
    SampleSet.Writer writer() {
        return SampleSet.CSV;
    }

    @Override
    String breakSecondFaceOfFirstPhoto(Path dir) throws IOException {
        Path csv = dir.resolve("annotations.csv");
        List<String> lines = Files.readAllLines(csv);
        // line 1 header, lines 2-3 the faces of photo2.jpg
        lines.set(2, "no_mask,40,5");
        Files.write(csv, lines);
        return csv + ":3";
    }

    @Override
    String whereNamed(Path dir, SampleSet.Photo photo) throws IOException {
        Path csv = dir.resolve("annotations.csv");
        List<String> lines = Files.readAllLines(csv);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("," + photo.name() + ",")) {
                return csv + ":" + (i + 1);
            }
        }
        throw new AssertionError("photo has no row");
    }

    @Test
    void exportWithoutHeaderWithBomCrlfAndQuotedNames() throws IOException {
        SampleSet.writeImages(dir, List.of(new SampleSet.Photo("a, b.jpg", 30, 20, List.of())));
        Files.writeString(dir.resolve("annotations.csv"),
                "\uFEFFwith_mask,1,2,10,12,\"a, b.jpg\",30,20\r\nno_mask,12.5,2,8,8,\"a, b.jpg\",30,20\r\n");
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(List.of(), d.warnings());
        assertEquals(List.of(new Box(1, 2, 11, 14), new Box(12.5, 2, 20.5, 10)),
                d.images().get(0).faces().stream().map(GroundTruthFace::box).toList());
    }

    @Test
    void headerOrderDecidesTheColumns() throws IOException {
        SampleSet.writeImages(dir, List.of(new SampleSet.Photo("p.jpg", 30, 20, List.of())));
        Files.writeString(dir.resolve("annotations.csv"), "image,image_w,image_h,label,x,y,w,h\np.jpg,30,20,mask,1,2,3,4\n");
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(new Box(1, 2, 4, 6), d.images().get(0).faces().get(0).box());
    }

    @Test
    void inconsistentImageSizeOnTheSamePhotoIsAWarning() throws IOException {
        SampleSet.writeImages(dir, List.of(new SampleSet.Photo("p.jpg", 30, 20, List.of())));
        Files.writeString(dir.resolve("annotations.csv"), "mask,1,2,3,4,p.jpg,30,20\nmask,5,2,3,4,p.jpg,31,20\n");
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(1, d.warnings().size());
        assertEquals(2, d.warnings().get(0).line());
    }
}
