package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtificialMasksTest {

    @TempDir
    Path dir;

    private void png(String name) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR), "png", dir.resolve(name).toFile());
    }

    @Test
    void readsQuotedFieldsAndSkipsBadRowsWithFileAndLine() throws IOException {
        png("masked/a, 1.png");
        png("unmasked/a, 1.png");
        png("masked/b.png");
        png("unmasked/b.png");
        Files.writeString(dir.resolve(ArtificialMasks.MANIFEST), String.join("\n",
                "index,file_masked,file_unmasked,person,box_x1,box_y1,box_x2,box_y2",
                "0,\"masked/a, 1.png\",\"unmasked/a, 1.png\",\"p \"\"one\"\"\",4,4,28,28",
                "1,masked/missing.png,unmasked/missing.png,p2,4,4,28,28",
                "2,masked/b.png,unmasked/b.png,p3,4,4,28,28", ""));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ArtificialMasks.Loaded l = ArtificialMasks.load(dir, 0, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(4, l.samples().size());
        assertEquals(2, l.people());
        assertEquals(1, l.skipped());
        assertEquals("artificial/p \"one\"", l.samples().get(0).group());
        assertEquals("masked/a, 1.png", l.samples().get(0).name());
        assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("skipped " + dir.resolve("manifest.csv") + ":3: "),
                log.toString(StandardCharsets.UTF_8));

        assertEquals(2, ArtificialMasks.load(dir, 1, null).samples().size());
    }

    @Test
    void missingColumnNamesFileAndLine() throws IOException {
        Files.writeString(dir.resolve(ArtificialMasks.MANIFEST), "file_masked,file_unmasked,person,box_x1\n");
        IOException e = assertThrows(IOException.class, () -> ArtificialMasks.load(dir, 0, null));
        assertEquals(dir.resolve("manifest.csv") + ":1: missing column box_y1", e.getMessage());
    }
}
