package io.maskwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    private static Face face(double x1, double y1, double x2, double y2, double score) {
        return new Face(new Box(x1, y1, x2, y2), score, List.of());
    }

    @Test
    void keepsTheBestOfOverlappingBoxesAndAllDisjointOnes() {
        Face a = face(0, 0, 100, 100, 0.9);
        Face b = face(10, 10, 110, 110, 0.95); // IoU with a = 0.68
        Face c = face(200, 200, 250, 250, 0.6);
        Face d = face(60, 0, 160, 100, 0.8); // IoU with b = 0.29 (kept at 0.4)
        assertEquals(List.of(b, d, c), Nms.suppress(List.of(a, b, c, d), 0.4));
        assertEquals(List.of(b, c), Nms.suppress(List.of(a, b, c, d), 0.25));
    }

    @Test
    void dropsASmallBoxInsideAMuchLargerOne() {
        Face big = face(0, 0, 200, 200, 0.9);
        Face eye = face(40, 40, 80, 80, 0.95); // 1/25 of the area, wholly inside
        Face neighbour = face(180, 50, 230, 100, 0.7); // 40% inside
        Face half = face(0, 0, 150, 150, 0.8); // inside but only 1.8 times smaller
        assertEquals(List.of(big, neighbour, half), Nms.dropContained(List.of(big, eye, neighbour, half), 0.8, 4));
        assertEquals(List.of(big, eye, neighbour, half), Nms.dropContained(List.of(big, eye, neighbour, half), 1, 4));
    }
}
