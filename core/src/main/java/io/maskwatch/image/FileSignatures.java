package io.maskwatch.image;

import java.nio.charset.StandardCharsets;

/** Recognises files no reader accepts, so that errors can say "HEIC" or "text" instead of "unknown". */
final class FileSignatures {

    private FileSignatures() {
    }

    /** The name of a known image format we cannot decode, or null. */
    static String unsupportedImageFormat(byte[] b) {
        String box = ImageLoader.ascii(b, 4, 8);
        if (box.startsWith("ftyp")) {
            String brand = box.substring(4);
            if (brand.startsWith("avi")) return "AVIF";
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.startsWith("mif") || brand.startsWith("msf")) {
                return "HEIC/HEIF";
            }
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) return "JPEG variant";
        if (starts(b, 0x89, 'P', 'N', 'G')) return "PNG variant";
        if (ImageLoader.ascii(b, 0, 4).equals("RIFF") && ImageLoader.ascii(b, 8, 4).equals("WEBP")) return "WebP variant";
        if (ImageLoader.ascii(b, 0, 4).equals("8BPS")) return "Photoshop PSD";
        if (starts(b, 0x00, 0x00, 0x01, 0x00)) return "ICO";
        if (starts(b, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ') || starts(b, 0xFF, 0x4F, 0xFF, 0x51)) return "JPEG 2000";
        if (starts(b, 0xFF, 0x0A) || starts(b, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L', ' ')) return "JPEG XL";
        String head = ImageLoader.ascii(b, 0, Math.min(b.length, 256)).toLowerCase();
        if (head.contains("<svg")) return "SVG";
        return null;
    }

    /**
     * Whether a file of a format that marks its end lacks that mark: a decoding failure then means
     * the file was cut short rather than damaged.
     */
    static boolean endIsMissing(String format, byte[] b) {
        int n = b.length;
        switch (format) {
            case "png":
                return !ImageLoader.ascii(b, Math.max(0, n - 8), Math.min(n, 4)).equals("IEND");
            case "jpeg":
                for (int i = n - 2; i >= Math.max(0, n - 1024); i--) {
                    if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) return false;
                }
                return true;
            case "gif":
                return n == 0 || b[n - 1] != 0x3B;
            case "webp":
                return n >= 8 && (((b[4] & 0xffL) | (b[5] & 0xffL) << 8 | (b[6] & 0xffL) << 16 | (b[7] & 0xffL) << 24) + 8 > n);
            case "bmp":
                return n >= 6 && (((b[2] & 0xffL) | (b[3] & 0xffL) << 8 | (b[4] & 0xffL) << 16 | (b[5] & 0xffL) << 24) > n);
            default:
                return false;
        }
    }

    /** A short description of a file that is not an image. */
    static String describeNonImage(byte[] b) {
        if (ImageLoader.ascii(b, 0, 5).equals("%PDF-")) return "a PDF document";
        if (starts(b, 'P', 'K', 3, 4)) return "a ZIP archive";
        if (looksLikeText(b)) return "a text file";
        return "unrecognised content";
    }

    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 1024);
        String s = new String(b, 0, n, StandardCharsets.UTF_8);
        int bad = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) bad++;
        }
        return bad <= s.length() / 50;
    }

    private static boolean starts(byte[] b, int... sig) {
        if (b.length < sig.length) return false;
        for (int i = 0; i < sig.length; i++) {
            if ((b[i] & 0xff) != sig[i]) return false;
        }
        return true;
    }
}
