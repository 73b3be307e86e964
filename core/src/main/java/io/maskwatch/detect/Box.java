package io.maskwatch.detect;

/** An axis-aligned box in pixels of the original image; (x1, y1) top-left, (x2, y2) bottom-right. */
public record Box(double x1, double y1, double x2, double y2) {

    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
    }

    public static Box ofSize(double x, double y, double w, double h) {
        return new Box(x, y, x + w, y + h);
    }

    public double width() { return x2 - x1; }

    public double height() { return y2 - y1; }

    public double area() { return width() * height(); }

    /**
     * A face's size, the one meaning everywhere: the shorter side in pixels (a face "under 20 px" has its width
     * or height under 20). {@code --min-face} of detect, serve, evaluate and masks, and every size bucket of the
     * evaluation and training reports, use it.
     */
    public double size() { return Math.min(width(), height()); }

    public double centerX() { return (x1 + x2) / 2; }

    public double centerY() { return (y1 + y2) / 2; }

    /** Intersection over union; 0 for disjoint or empty boxes. */
    public double iou(Box o) {
        double inter = intersection(o);
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    public double intersection(Box o) {
        double w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** This box clipped to an image of the given size. */
    public Box clip(int width, int height) {
        return new Box(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
    }

    /** This box mapped by x' = x * scale + dx, y' = y * scale + dy. */
    public Box transform(double scale, double dx, double dy) {
        return new Box(x1 * scale + dx, y1 * scale + dy, x2 * scale + dx, y2 * scale + dy);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
