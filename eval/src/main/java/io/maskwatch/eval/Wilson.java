package io.maskwatch.eval;

/**
 * A proportion k/n with its 95% Wilson score interval (good at small n and near 0 or 1, where the normal
 * approximation is not: one face is 0.4 points on a 263-face set).
 */
public record Wilson(int k, int n, double low, double high) {

    private static final double Z95 = 1.959963984540054;

    public static Wilson of(long k, long n) {
        if (k < 0 || n < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n: " + k + "/" + n);
        }
        if (n == 0) {
            return new Wilson(0, 0, Double.NaN, Double.NaN);
        }
        double p = k / (double) n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Wilson((int) k, (int) n, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public double value() {
        return n == 0 ? Double.NaN : k / (double) n;
    }
}
