package io.maskwatch.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.detect.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HomographyTest {

    private static final Homography KNOWN = Homography.of(
            0.8, 0.15, 120,
            -0.1, 1.1, 40,
            0.0004, -0.0002, 1);

    @Test
    void fourPairsAreMatchedExactly() {
        List<Point> from = List.of(new Point(0, 0), new Point(600, 0), new Point(600, 480), new Point(0, 480));
        List<Point> to = from.stream().map(KNOWN::apply).toList();
        Homography h = Homography.solve(from, to);
        assertTrue(h.maxError(from, to) < 1e-6, "error " + h.maxError(from, to));
        // ... and it is the same transform everywhere, not just at the four corners.
        for (Point p : List.of(new Point(300, 240), new Point(17, 400), new Point(550, 33))) {
            Point a = h.apply(p);
            Point b = KNOWN.apply(p);
            assertEquals(b.x(), a.x(), 1e-6);
            assertEquals(b.y(), a.y(), 1e-6);
        }
    }

    @Test
    void sixPairsRoundTripThroughTheInverse() {
        // MaskTheFace's surgical anchors, as real template coordinates.
        List<Point> from = List.of(new Point(21, 97), new Point(307, 22), new Point(600, 99),
                new Point(25, 322), new Point(295, 470), new Point(600, 323));
        List<Point> to = from.stream().map(KNOWN::apply).toList();
        Homography h = Homography.solve(from, to);
        Homography inv = h.inverse();
        for (int i = 0; i < from.size(); i++) {
            Point back = inv.apply(to.get(i));
            assertEquals(from.get(i).x(), back.x(), 1e-6);
            assertEquals(from.get(i).y(), back.y(), 1e-6);
        }
        Point q = inv.after(h).apply(123.4, 56.7);
        assertEquals(123.4, q.x(), 1e-9);
        assertEquals(56.7, q.y(), 1e-9);
    }

    @Test
    void noisyPairsAreFittedInLeastSquares() {
        Random rnd = new Random(3);
        List<Point> from = new ArrayList<>();
        List<Point> to = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Point p = new Point(rnd.nextDouble() * 1000, rnd.nextDouble() * 800);
            Point q = KNOWN.apply(p);
            from.add(p);
            to.add(new Point(q.x() + rnd.nextGaussian() * 0.5, q.y() + rnd.nextGaussian() * 0.5));
        }
        Homography h = Homography.solve(from, to);
        Point a = h.apply(500, 400);
        Point b = KNOWN.apply(500, 400);
        assertTrue(Math.hypot(a.x() - b.x(), a.y() - b.y()) < 0.5, "fit off by " + Math.hypot(a.x() - b.x(), a.y() - b.y()));
    }

    @Test
    void degenerateInputIsRejected() {
        List<Point> line = List.of(new Point(0, 0), new Point(1, 1), new Point(2, 2), new Point(3, 3));
        assertThrows(IllegalArgumentException.class, () -> Homography.solve(line, line));
        assertThrows(IllegalArgumentException.class,
                () -> Homography.solve(List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1)),
                        List.of(new Point(0, 0), new Point(1, 0), new Point(0, 1))));
    }
}
