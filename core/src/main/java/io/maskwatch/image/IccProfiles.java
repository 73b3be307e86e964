package io.maskwatch.image;

import java.nio.ByteBuffer;

/**
 * Reads just enough of an ICC profile (tag table, colorants, tone curves) to tell whether it
 * describes sRGB: RGB display profile, sRGB primaries (D50-adapted, as every v2/v4 profile stores
 * them) and tone curves within 0.02 of the sRGB curve. Such a profile can be ignored: converting
 * from it to sRGB changes no pixel by more than rounding.
 */
final class IccProfiles {

    /** sRGB colorants, D50-adapted (ICC v2/v4 rXYZ, gXYZ, bXYZ). */
    private static final double[][] SRGB = {
        {0.4361, 0.2225, 0.0139}, {0.3851, 0.7169, 0.0971}, {0.1431, 0.0606, 0.7141}};
    private static final double COLORANT_TOLERANCE = 0.003;
    private static final double CURVE_TOLERANCE = 0.02;
    private static final double[] PROBES = {0.05, 0.1, 0.25, 0.5, 0.75, 0.9};

    private IccProfiles() {
    }

    static boolean isSrgbEquivalent(byte[] icc) {
        try {
            ByteBuffer b = ByteBuffer.wrap(icc);
            if (icc.length < 132 || b.getInt(0) > icc.length) {
                return false;
            }
            if (b.getInt(16) != sig("RGB ") || b.getInt(20) != sig("XYZ ")) {
                return false;
            }
            String[] colorants = {"rXYZ", "gXYZ", "bXYZ"};
            for (int c = 0; c < 3; c++) {
                int at = tag(b, colorants[c]);
                if (at < 0 || b.getInt(at) != sig("XYZ ")) {
                    return false;
                }
                for (int k = 0; k < 3; k++) {
                    if (Math.abs(b.getInt(at + 8 + 4 * k) / 65536.0 - SRGB[c][k]) > COLORANT_TOLERANCE) {
                        return false;
                    }
                }
            }
            for (String trc : new String[] {"rTRC", "gTRC", "bTRC"}) {
                int at = tag(b, trc);
                if (at < 0) {
                    return false;
                }
                for (double x : PROBES) {
                    double y = curve(b, at, x);
                    if (Double.isNaN(y) || Math.abs(y - srgbToLinear(x)) > CURVE_TOLERANCE) {
                        return false;
                    }
                }
            }
            return true;
        } catch (RuntimeException e) { // a malformed profile: let the reader deal with it
            return false;
        }
    }

    /** Offset of a tag's data, or -1. */
    private static int tag(ByteBuffer b, String signature) {
        int count = b.getInt(128);
        int want = sig(signature);
        for (int i = 0; i < count && 132 + 12 * i + 12 <= b.limit(); i++) {
            int e = 132 + 12 * i;
            if (b.getInt(e) == want) {
                int offset = b.getInt(e + 4);
                return offset >= 0 && offset + 12 <= b.limit() ? offset : -1;
            }
        }
        return -1;
    }

    /** A 'curv' or 'para' tone curve at x in [0, 1]; NaN for anything else. */
    private static double curve(ByteBuffer b, int at, double x) {
        int type = b.getInt(at);
        if (type == sig("curv")) {
            int n = b.getInt(at + 8);
            if (n == 0) {
                return x;
            }
            if (n == 1) {
                return Math.pow(x, (b.getShort(at + 12) & 0xffff) / 256.0);
            }
            double pos = x * (n - 1);
            int i = Math.min((int) pos, n - 2);
            double t = pos - i;
            double y0 = (b.getShort(at + 12 + 2 * i) & 0xffff) / 65535.0;
            double y1 = (b.getShort(at + 12 + 2 * (i + 1)) & 0xffff) / 65535.0;
            return y0 + (y1 - y0) * t;
        }
        if (type == sig("para")) {
            int fn = b.getShort(at + 8);
            double[] p = new double[7];
            int params = switch (fn) {
                case 0 -> 1;
                case 1 -> 3;
                case 2 -> 4;
                case 3 -> 5;
                case 4 -> 7;
                default -> -1;
            };
            if (params < 0) {
                return Double.NaN;
            }
            for (int k = 0; k < params; k++) {
                p[k] = b.getInt(at + 12 + 4 * k) / 65536.0;
            }
            double g = p[0];
            double a = p[1];
            double bb = p[2];
            double c = p[3];
            double d = p[4];
            double e = p[5];
            double f = p[6];
            return switch (fn) {
                case 0 -> Math.pow(x, g);
                case 1 -> x >= -bb / a ? Math.pow(a * x + bb, g) : 0;
                case 2 -> x >= -bb / a ? Math.pow(a * x + bb, g) + c : c;
                case 3 -> x >= d ? Math.pow(a * x + bb, g) : c * x;
                default -> x >= d ? Math.pow(a * x + bb, g) + e : c * x + f;
            };
        }
        return Double.NaN;
    }

    private static double srgbToLinear(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static int sig(String s) {
        return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
    }
}
