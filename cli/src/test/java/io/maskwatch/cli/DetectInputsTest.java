package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.cli.InputFiles.Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectInputsTest {

    @TempDir
    Path dir;

    private Path touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    @Test
    void foldersAreWalkedRecursivelySortedImagesOnly() throws IOException {
        touch("photos/b.jpg");
        touch("photos/a.PNG");
        touch("photos/sub/c.webp");
        touch("photos/sub/deeper/d.jpeg");
        touch("photos/notes.txt");
        touch("photos/sub/phone.HEIC");
        touch("photos/annotations.csv");
        touch("photos/.hidden.jpg");
        touch("photos/.thumbs/e.jpg");
        touch("photos/out/old.jpg"); // the output folder of an earlier run
        String root = dir.resolve("photos").toString();
        List<Input> in = InputFiles.expand(List.of(root), dir.resolve("photos/out"));
        assertEquals(List.of(root + "/a.PNG", root + "/b.jpg", root + "/sub/c.webp", root + "/sub/deeper/d.jpeg", root + "/sub/phone.HEIC"),
                in.stream().map(Input::name).toList());
        assertTrue(in.stream().allMatch(Input::ok));
        assertEquals(List.of("a.PNG", "b.jpg", "sub/c.webp.png", "sub/deeper/d.jpeg", "sub/phone.HEIC.png"),
                in.stream().map(i -> i.output().toString()).toList());
    }

    @Test
    void filesAsGivenMissingPathsAndEmptyFolders() throws IOException {
        Path a = touch("x/photo.jpg");
        Path b = touch("y/photo.jpg");
        Path t = touch("y/readme.txt");
        Files.createDirectories(dir.resolve("empty"));
        List<Input> in = InputFiles.expand(List.of(a.toString(), b.toString(), t.toString(),
                dir.resolve("missing.jpg").toString(), dir.resolve("empty").toString()), null);
        assertEquals(5, in.size());
        assertEquals(a.toString(), in.get(0).name());
        assertEquals("photo.jpg", in.get(0).output().toString());
        assertEquals("photo-2.jpg", in.get(1).output().toString(), "same base name twice");
        assertTrue(in.get(2).ok(), "a file named explicitly is tried whatever its extension");
        assertEquals("readme.txt.png", in.get(2).output().toString());
        assertFalse(in.get(3).ok());
        assertEquals("no such file or folder", in.get(3).problem());
        assertTrue(in.get(4).problem().startsWith("no images in this folder"));
        assertNull(in.get(4).output());
    }

    @Test
    void outputFormatKeepsJpegPngBmpAndTurnsOthersIntoPng() {
        assertEquals("a.jpg", InputFiles.outputName(Path.of("a.jpg")).toString());
        assertEquals("a.JPEG", InputFiles.outputName(Path.of("a.JPEG")).toString());
        assertEquals("s/a.gif.png", InputFiles.outputName(Path.of("s/a.gif")).toString());
        assertEquals("a.webp.png", InputFiles.outputName(Path.of("a.webp")).toString());
        assertEquals("a.bmp", InputFiles.outputName(Path.of("a.bmp")).toString());
        assertEquals("jpeg", InputFiles.formatOf(Path.of("a.JPEG")));
        assertEquals("png", InputFiles.formatOf(Path.of("a.png")));
        assertEquals("bmp", InputFiles.formatOf(Path.of("a.bmp")));
    }
}
