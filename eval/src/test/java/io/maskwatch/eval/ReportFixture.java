package io.maskwatch.eval;

import static io.maskwatch.eval.Hand.det;
import static io.maskwatch.eval.Hand.incorrect;
import static io.maskwatch.eval.Hand.masked;
import static io.maskwatch.eval.Hand.unmasked;

import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.LabelMap;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** The hand-made case of {@link EvaluatorTest} on real image files, so the report's gallery has pictures. */
final class ReportFixture {

    final List<AnnotatedImage> images;
    final Evaluation evaluation;

    ReportFixture(Path dir) throws IOException {
        AnnotatedImage one = write(dir, "1.jpg", new AnnotatedImage(dir.resolve("1.jpg"), 100, 100,
                List.of(masked(0, 0, 20, 20), unmasked(50, 50, 70, 70))));
        AnnotatedImage two = write(dir, "2.jpg", new AnnotatedImage(dir.resolve("2.jpg"), 100, 100, List.of()));
        AnnotatedImage three = write(dir, "3 with, comma.jpg", new AnnotatedImage(dir.resolve("3 with, comma.jpg"), 100, 100,
                List.of(masked(0, 0, 40, 40), unmasked(50, 0, 60, 10), incorrect(0, 50, 30, 80))));
        images = List.of(one, two, three);
        List<ImageRun> runs = List.of(
                new ImageRun(one, List.of(det(0, 0, 20, 20, 0.99, 0.9), det(0, 0, 20, 18, 0.9, 0.3),
                        det(50, 50, 70, 70, 0.8, 0.1), det(80, 0, 95, 15, 0.7, 0.2)), List.of(0.7, 0.2), null),
                new ImageRun(two, List.of(), List.of(), null),
                new ImageRun(three, List.of(det(0, 0, 40, 40, 0.95, 0.8), det(0, 50, 30, 80, 0.9, 0.6),
                        det(60, 60, 90, 90, 0.6, 0.95)), List.of(0.9, 0.4, 0.55), null));
        evaluation = Evaluator.evaluate("hand <set>", runs, LabelMap.DEFAULT, 0.5, 20, List.of("a.xml:3: a warning"),
                Map.of("detector", "hand"));
    }

    private static AnnotatedImage write(Path dir, String name, AnnotatedImage img) throws IOException {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = b.createGraphics();
        g.setColor(new Color(0x336699));
        g.fillRect(0, 0, img.width(), img.height());
        g.setColor(Color.PINK);
        img.faces().forEach(f -> g.fillOval((int) f.box().x1(), (int) f.box().y1(), (int) f.box().width(), (int) f.box().height()));
        g.dispose();
        ImageIO.write(b, "jpeg", dir.resolve(name).toFile());
        return img;
    }
}
