package io.maskwatch.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Label;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotatorTest {

    private static FaceResult face(double x, double y, double size, double pMasked) {
        return new FaceResult(Box.ofSize(x, y, size, size), 0.9, pMasked, Label.of(pMasked, 0.5),
                List.of(new Point(x + size / 3, y + size / 3)));
    }

    private static BufferedImage grey(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    @Test
    void labelTextShowsTheConfidenceOfTheLabel() {
        assertEquals("masked 0.97", Annotator.labelText(face(0, 0, 10, 0.971)));
        assertEquals("unmasked 0.88", Annotator.labelText(face(0, 0, 10, 0.12)));
        FaceResult wrong = new FaceResult(Box.ofSize(0, 0, 10, 10), 0.9, 0.15, Label.INCORRECT, List.of(),
                new MaskState(0.15f, 0.81f, 0.04f));
        assertEquals("incorrect 0.81", Annotator.labelText(wrong));
    }

    @Test
    void aMaskWornIncorrectlyGetsTheThirdColour() {
        FaceResult wrong = new FaceResult(Box.ofSize(40, 60, 50, 50), 0.9, 0.15, Label.INCORRECT, List.of(),
                new MaskState(0.15f, 0.81f, 0.04f));
        BufferedImage out = Annotator.draw(grey(200, 200), List.of(wrong));
        assertEquals(Annotator.INCORRECT.getRGB(), out.getRGB(40 - 1, 60 + 25));
        assertTrue(countColour(out, Annotator.INCORRECT, 0, 0, 199, 59) > 100, "label background");
        assertTrue(Annotator.INCORRECT.getRGB() != Annotator.MASKED.getRGB() && Annotator.INCORRECT.getRGB() != Annotator.UNMASKED.getRGB());
    }

    @Test
    void drawsOnACopyWithBoxColouredByLabel() throws IOException {
        BufferedImage photo = ImageLoader.read(SharedFolder.require()
                .resolve("datasets/reference-photos-validation/images/3.jpg"));
        byte[] before = bytes(photo).clone();
        FaceResult masked = face(171, 255, 129, 0.97);
        FaceResult unmasked = face(300, 500, 60, 0.1);
        BufferedImage out = Annotator.draw(photo, List.of(masked, unmasked));
        assertNotSame(photo, out);
        assertArrayEquals(before, bytes(photo), "input image changed");
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, out.getType());
        assertEquals(photo.getWidth(), out.getWidth());
        // The stroke lies just outside the box, on all four sides; the face inside is untouched.
        assertEquals(Annotator.MASKED.getRGB(), out.getRGB(171 - 1, 255 + 60));
        assertEquals(Annotator.MASKED.getRGB(), out.getRGB(171 + 129 + 1, 255 + 60));
        assertEquals(Annotator.MASKED.getRGB(), out.getRGB(171 + 60, 255 + 129 + 1));
        assertEquals(Annotator.UNMASKED.getRGB(), out.getRGB(300 + 30, 500 + 60 + 1));
        assertEquals(photo.getRGB(171 + 60, 255 + 60), out.getRGB(171 + 60, 255 + 60));
        assertEquals(photo.getRGB(301, 501), out.getRGB(301, 501));
        // A label above each box: its background in the label colour, with white text in it.
        assertTrue(countColour(out, Annotator.MASKED, 171, 230, 300, 254) > 200);
        assertTrue(countNearWhite(out, 171, 230, 300, 254) > 20, "no text in the label");
    }

    @Test
    void noFacesGivesAnEqualCopy() {
        BufferedImage img = grey(50, 40);
        BufferedImage out = Annotator.draw(img, List.of());
        assertNotSame(img, out);
        assertArrayEquals(bytes(img), bytes(out));
    }

    @Test
    void lineAndTextGrowWithThePhoto() {
        int small = labelHeight(grey(500, 400), face(200, 200, 40, 0.1));
        int large = labelHeight(grey(4000, 3000), face(2000, 1500, 40, 0.1));
        assertTrue(small >= 14, "label on a 500 px photo is " + small + " px high");
        assertTrue(large >= 70, "label on a 4000 px photo is " + large + " px high");
        assertTrue(Annotator.lineWidth(4000) >= 8 && Annotator.lineWidth(500) >= 2);
        // A 40 px face on a 4000 px photo: its box is a thick line all around, the face still visible.
        BufferedImage out = Annotator.draw(grey(4000, 3000), List.of(face(2000, 1500, 40, 0.1)));
        int thickness = 0;
        for (int x = 1999; x > 1980 && out.getRGB(x, 1520) == Annotator.UNMASKED.getRGB(); x--) {
            thickness++;
        }
        assertEquals(Annotator.lineWidth(4000), thickness);
        assertEquals(new Color(128, 128, 128).getRGB(), out.getRGB(2020, 1520));
    }

    @Test
    void labelsStayInsideTheImage() {
        // Faces touching each border and a corner, on a photo barely wider than a label.
        BufferedImage img = grey(120, 90);
        List<FaceResult> faces = List.of(face(0, 0, 30, 0.9), face(90, 60, 30, 0.2), face(100, 0, 20, 0.8));
        BufferedImage out = Annotator.draw(img, faces);
        assertTrue(countColour(out, Annotator.MASKED, 0, 0, 119, 89) > 100);
        assertTrue(countColour(out, Annotator.UNMASKED, 0, 0, 119, 89) > 100);
        // A 60 px wide photo: the font shrinks until the label fits.
        BufferedImage narrow = Annotator.draw(grey(60, 60), List.of(face(20, 20, 20, 0.1)));
        assertTrue(countNearWhite(narrow, 0, 0, 59, 59) > 5);
    }

    private static int labelHeight(BufferedImage img, FaceResult f) {
        BufferedImage out = Annotator.draw(img, List.of(f));
        int line = Annotator.lineWidth(Math.max(img.getWidth(), img.getHeight()));
        int x = (int) f.box().x1() - line / 2 + 1; // in the label's left padding, clear of the text
        int rows = 0;
        for (int y = (int) f.box().y1() - line - 1; y >= 0; y--) {
            int rgb = out.getRGB(x, y);
            if (rgb == Annotator.colour(f.label()).getRGB() || near(rgb, Color.WHITE.getRGB())) {
                rows++;
            } else if (rows > 0) {
                break;
            }
        }
        return rows;
    }

    private static int countColour(BufferedImage img, Color c, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                n += img.getRGB(x, y) == c.getRGB() ? 1 : 0;
            }
        }
        return n;
    }

    private static int countNearWhite(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                n += near(img.getRGB(x, y), Color.WHITE.getRGB()) ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean near(int a, int b) {
        Color x = new Color(a);
        Color y = new Color(b);
        return Math.abs(x.getRed() - y.getRed()) < 40 && Math.abs(x.getGreen() - y.getGreen()) < 40
                && Math.abs(x.getBlue() - y.getBlue()) < 40;
    }

    private static byte[] bytes(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }

    /** A crowd as in the Kaggle photos: rows of small faces close together. */
    @Test
    void labelsInACrowdNeitherOverlapEachOtherNorCoverAFace() {
        List<FaceResult> crowd = new java.util.ArrayList<>();
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 12; col++) {
                crowd.add(face(10 + col * 40 + (row % 2) * 12, 40 + row * 70, 24, col % 3 == 0 ? 0.1 : 0.95));
            }
        }
        List<Annotator.LabelBox> labels = Annotator.layout(crowd, 500, 260);
        assertTrue(labels.size() >= crowd.size() / 2, "most faces keep a label: " + labels.size());
        for (int i = 0; i < labels.size(); i++) {
            Annotator.LabelBox a = labels.get(i);
            assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.width() <= 500 && a.y() + a.height() <= 260, a.toString());
            for (int j = i + 1; j < labels.size(); j++) {
                assertTrue(!a.intersects(labels.get(j)), a + " overlaps " + labels.get(j));
            }
            for (FaceResult f : crowd) {
                assertTrue(!a.intersects(f.box().x1(), f.box().y1(), f.box().x2(), f.box().y2()), a + " covers " + f.box());
            }
        }
        // every unmasked face (placed first) keeps its label
        long unmasked = crowd.stream().filter(f -> f.label() == Label.UNMASKED).count();
        assertEquals(unmasked, labels.stream().filter(l -> l.face().label() == Label.UNMASKED).count());
    }

    @Test
    void boxesOnlyLeavesTheLabelBandUntouched() {
        BufferedImage img = grey(400, 300);
        BufferedImage out = Annotator.draw(img, List.of(face(100, 120, 80, 0.9)), Annotator.Style.BOXES_ONLY);
        for (int x = 100; x < 180; x++) {
            assertEquals(new Color(128, 128, 128).getRGB(), out.getRGB(x, 105), "no label above the box at x=" + x);
        }
    }
}
