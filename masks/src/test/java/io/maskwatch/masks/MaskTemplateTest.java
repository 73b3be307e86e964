package io.maskwatch.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskTemplateTest {

    @TempDir
    Path tmp;

    @Test
    void templateWithoutAlphaIsRejectedWithAReason() throws Exception {
        Path rgb = tmp.resolve("flat.png");
        ImageIO.write(drawing(BufferedImage.TYPE_INT_RGB), "png", rgb.toFile());
        TemplateException e = assertThrows(TemplateException.class, () -> MaskTemplate.load(rgb, "flat", true, null));
        assertEquals("no_alpha", e.reason());
        assertTrue(e.getMessage().contains(rgb.toString()) && e.getMessage().contains("no alpha channel"), e.getMessage());

        Path opaque = tmp.resolve("opaque.png");
        BufferedImage o = drawing(BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = o.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 60);
        g.dispose();
        ImageIO.write(o, "png", opaque.toFile());
        TemplateException e2 = assertThrows(TemplateException.class, () -> MaskTemplate.load(opaque, "opaque", true, null));
        assertEquals("no_alpha", e2.reason());
        assertTrue(e2.getMessage().contains("fully opaque"), e2.getMessage());
    }

    @Test
    void libraryKeepsGoodTemplatesAndCountsBadOnes() throws Exception {
        Path ref = Files.createDirectories(tmp.resolve("reference"));
        ImageIO.write(drawing(BufferedImage.TYPE_INT_ARGB), "png", ref.resolve("good.png").toFile());
        ImageIO.write(drawing(BufferedImage.TYPE_INT_RGB), "png", ref.resolve("no-alpha.png").toFile());
        Files.writeString(ref.resolve("broken.png"), "not a png");
        TemplateLibrary lib = TemplateLibrary.load(tmp);
        assertEquals(1, lib.reference().size());
        assertEquals("reference/good", lib.reference().get(0).name());
        assertEquals(1, lib.rejectedCounts().get("no_alpha"));
        assertEquals(1, lib.rejectedCounts().get("unreadable"));
        // Trimmed to the visible part: the 60x30 ellipse of the drawing.
        assertEquals(60, lib.reference().get(0).width(), 2);
        assertEquals(30, lib.reference().get(0).height(), 2);
    }

    @Test
    void sharedTemplatesAllLoad() throws Exception {
        TemplateLibrary lib = MaskPlacementTest.library();
        assertEquals(12, lib.reference().size());
        assertEquals(21, lib.maskTheFace().size());
        assertEquals(27, lib.textures().size());
        assertTrue(lib.rejected().isEmpty(), lib.rejected().toString());
        assertEquals(java.util.List.of("KN95", "N95", "cloth", "gas", "surgical", "surgical_blue", "surgical_green"), lib.families());
    }

    private static BufferedImage drawing(int type) {
        BufferedImage img = new BufferedImage(100, 60, type);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(90, 140, 220));
        g.fillOval(20, 15, 60, 30);
        g.dispose();
        return img;
    }
}
