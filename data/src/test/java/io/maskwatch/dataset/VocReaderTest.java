package io.maskwatch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocReaderTest extends DatasetReaderContract {

    @Override
    DatasetReader reader() {
        return new VocReader();
    }

    @Override
    SampleSet.Writer writer() {
        return SampleSet.VOC;
    }

    @Override
    String breakSecondFaceOfFirstPhoto(Path dir) throws IOException {
        Path xml = dir.resolve("annotations/photo2.xml");
        List<String> lines = Files.readAllLines(xml);
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("<xmin>") && ++seen == 2) {
                lines.set(i, lines.get(i).replaceAll("<xmin>[^<]*</xmin>", "<xmin>forty</xmin>"));
                Files.write(xml, lines);
                return xml + ":" + (i + 1);
            }
        }
        throw new AssertionError("no second face");
    }

    @Override
    String whereNamed(Path dir, SampleSet.Photo photo) throws IOException {
        Path xml = dir.resolve("annotations").resolve(SampleSet.xmlName(photo));
        List<String> lines = Files.readAllLines(xml);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("<filename>")) {
                return xml + ":" + (i + 1);
            }
        }
        throw new AssertionError("no filename");
    }

    @Test
    void truncatedXmlSkipsTheFileWithItsLine() throws IOException {
        SampleSet.VOC.write(dir, SampleSet.PHOTOS);
        Path xml = dir.resolve("annotations/photo10.xml");
        String s = Files.readString(xml);
        Files.writeString(xml, s.substring(0, s.indexOf("</bndbox>") + 3));
        Dataset d = read(DatasetOptions.DEFAULT);
        // the photo itself is then unannotated: a second warning names it
        assertEquals(2, d.warnings().size(), d.warnings().toString());
        String w = d.warnings().get(0).toString();
        assertTrue(w.startsWith(xml + ":"), w);
        assertTrue(w.contains("malformed XML"), w);
        assertTrue(d.warnings().get(0).line() > 0, w);
        assertTrue(d.warnings().get(1).toString().contains("photo10.png: photo has no annotation file"), d.warnings().toString());
        assertEquals(2, d.images().size());
    }

    @Test
    void annotationNamingTheOriginalFormatFindsTheConvertedPhoto() throws IOException {
        SampleSet.VOC.write(dir, SampleSet.PHOTOS);
        Path xml = dir.resolve("annotations/photo2.xml");
        Files.writeString(xml, Files.readString(xml).replace("photo2.jpg", "photo2.png"));
        Dataset d = read(DatasetOptions.DEFAULT);
        assertEquals(List.of(), d.warnings());
        assertEquals(dir.resolve("images/photo2.jpg"), d.images().get(0).image());
    }

    @Test
    void externalEntitiesAreNotResolved() throws IOException {
        SampleSet.VOC.write(dir, SampleSet.PHOTOS);
        Path secret = Files.writeString(dir.resolve("secret.txt"), "with_mask");
        Path xml = dir.resolve("annotations/photo2.xml");
        String s = Files.readString(xml).replace("<name>no_mask</name>", "<name>&x;</name>");
        Files.writeString(xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n" + s);
        Dataset d = read(DatasetOptions.DEFAULT);
        assertTrue(d.images().stream().flatMap(i -> i.faces().stream()).noneMatch(f -> f.rawLabel().equals("with_mask")
                && f.box().x1() == 40), "the entity must not be expanded from the file");
    }
}
