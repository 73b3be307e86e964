package io.maskwatch.masks;

import io.maskwatch.detect.Point;
import java.util.List;

/**
 * A 3×3 projective transform (row-major, h[8] = 1 after normalisation). Solved from four or more
 * point pairs by the direct linear transform in least squares, with Hartley normalisation so the
 * solve is well conditioned for pixel coordinates in the thousands.
 */
public final class Homography {

    private final double[] h;

    private Homography(double[] h) {
        this.h = h.clone();
    }

    public static Homography of(double... h) {
        if (h.length != 9) {
            throw new IllegalArgumentException("a homography has 9 entries, got " + h.length);
        }
        return new Homography(h);
    }

    public static Homography identity() {
        return new Homography(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    /**
     * The transform that maps each {@code from} point onto the matching {@code to} point, in least
     * squares when more than four pairs are given.
     *
     * @throws IllegalArgumentException when fewer than four pairs are given or they are degenerate
     *         (e.g. three of four on one line)
     */
    public static Homography solve(List<Point> from, List<Point> to) {
        int n = from.size();
        if (n != to.size()) {
            throw new IllegalArgumentException("point lists differ in length: " + n + " vs " + to.size());
        }
        if (n < 4) {
            throw new IllegalArgumentException("a homography needs at least 4 point pairs, got " + n);
        }
        double[] tf = normaliser(from);
        double[] tt = normaliser(to);
        // Unknowns h0..h7 with h8 = 1: two equations per pair, solved through the normal equations.
        double[][] ata = new double[8][8];
        double[] atb = new double[8];
        double[] row = new double[8];
        for (int i = 0; i < n; i++) {
            double x = from.get(i).x() * tf[0] + tf[1];
            double y = from.get(i).y() * tf[0] + tf[2];
            double u = to.get(i).x() * tt[0] + tt[1];
            double v = to.get(i).y() * tt[0] + tt[2];
            double[][] rows = {
                {x, y, 1, 0, 0, 0, -u * x, -u * y},
                {0, 0, 0, x, y, 1, -v * x, -v * y}};
            double[] rhs = {u, v};
            for (int r = 0; r < 2; r++) {
                System.arraycopy(rows[r], 0, row, 0, 8);
                for (int a = 0; a < 8; a++) {
                    atb[a] += row[a] * rhs[r];
                    for (int b = 0; b < 8; b++) {
                        ata[a][b] += row[a] * row[b];
                    }
                }
            }
        }
        double[] sol = solveLinear(ata, atb);
        double[] hn = {sol[0], sol[1], sol[2], sol[3], sol[4], sol[5], sol[6], sol[7], 1};
        // Undo the normalisations: H = Tto^-1 · Hn · Tfrom.
        double[] tFrom = {tf[0], 0, tf[1], 0, tf[0], tf[2], 0, 0, 1};
        double[] tToInv = {1 / tt[0], 0, -tt[1] / tt[0], 0, 1 / tt[0], -tt[2] / tt[0], 0, 0, 1};
        return new Homography(multiply(tToInv, multiply(hn, tFrom))).normalised();
    }

    /** Maps a point; the result is NaN when the point maps to infinity. */
    public Point apply(double x, double y) {
        double w = h[6] * x + h[7] * y + h[8];
        return new Point((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w);
    }

    public Point apply(Point p) {
        return apply(p.x(), p.y());
    }

    /** The transform applied after {@code first}: x → this(first(x)). */
    public Homography after(Homography first) {
        return new Homography(multiply(h, first.h)).normalised();
    }

    public Homography inverse() {
        double a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7], l = h[8];
        double[] adj = {
            e * l - f * k, c * k - b * l, b * f - c * e,
            f * g - d * l, a * l - c * g, c * d - a * f,
            d * k - e * g, b * g - a * k, a * e - b * d};
        double det = a * adj[0] + b * adj[3] + c * adj[6];
        if (Math.abs(det) < 1e-300) {
            throw new IllegalStateException("homography is singular");
        }
        for (int i = 0; i < 9; i++) {
            adj[i] /= det;
        }
        return new Homography(adj).normalised();
    }

    /** The entries, row-major. */
    public double[] matrix() {
        return h.clone();
    }

    /** The largest distance between {@code to} and the mapped {@code from} points (fit quality). */
    public double maxError(List<Point> from, List<Point> to) {
        double worst = 0;
        for (int i = 0; i < from.size(); i++) {
            Point p = apply(from.get(i));
            worst = Math.max(worst, Math.hypot(p.x() - to.get(i).x(), p.y() - to.get(i).y()));
        }
        return worst;
    }

    private Homography normalised() {
        double s = Math.abs(h[8]) > 1e-12 ? h[8] : 1;
        double[] out = new double[9];
        for (int i = 0; i < 9; i++) {
            out[i] = h[i] / s;
        }
        return new Homography(out);
    }

    /** Scale and shift that move the centroid to 0 and the mean distance to sqrt(2). */
    private static double[] normaliser(List<Point> pts) {
        double cx = 0, cy = 0;
        for (Point p : pts) {
            cx += p.x();
            cy += p.y();
        }
        cx /= pts.size();
        cy /= pts.size();
        double d = 0;
        for (Point p : pts) {
            d += Math.hypot(p.x() - cx, p.y() - cy);
        }
        d /= pts.size();
        if (!(d > 1e-12)) {
            throw new IllegalArgumentException("degenerate points: all at one place");
        }
        double s = Math.sqrt(2) / d;
        return new double[] {s, -cx * s, -cy * s};
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
            }
        }
        return c;
    }

    /** Gaussian elimination with partial pivoting; throws on a (near) singular system. */
    static double[] solveLinear(double[][] m, double[] rhs) {
        int n = rhs.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = java.util.Arrays.copyOf(m[i], n + 1);
            a[i][n] = rhs[i];
        }
        double scale = 0;
        for (double[] r : a) {
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(r[j]));
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-12 * Math.max(scale, 1e-300)) {
                throw new IllegalArgumentException("degenerate point configuration (singular system)");
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    if (f != 0) {
                        for (int j = col; j <= n; j++) {
                            a[r][j] -= f * a[col][j];
                        }
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }

    @Override
    public String toString() {
        return java.util.Arrays.toString(h);
    }
}
