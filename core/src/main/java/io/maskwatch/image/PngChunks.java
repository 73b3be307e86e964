package io.maskwatch.image;

import java.io.ByteArrayOutputStream;

/**
 * Keeps only the PNG chunks that make the pixels: IHDR, PLTE, tRNS, IDAT and IEND. Everything else is metadata the
 * pipeline does not use, and some of it is compressed: the JDK's PNG reader inflates every zTXt, iTXt and iCCP chunk
 * in full while reading the header, so a 1 MB file whose zTXt inflates to 1 GB costs 1 GB of heap and seconds of
 * CPU (a metadata decompression bomb). Dropping those chunks before decoding bounds the work by the pixel limit.
 * Chunks are copied as they are (CRCs included); a broken chunk structure is left to the decoder to report.
 */
final class PngChunks {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngChunks() {
    }

    static boolean isPng(byte[] b) {
        if (b.length < SIGNATURE.length) return false;
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) return false;
        }
        return true;
    }

    /** The PNG with only the chunks decoding needs; the same array when there is nothing to drop. */
    static byte[] pixelChunksOnly(byte[] png) {
        ByteArrayOutputStream out = null;
        int pos = SIGNATURE.length;
        int copiedUpTo = 0;
        while (pos + 12 <= png.length) {
            long len = readUint(png, pos);
            long end = pos + 12 + len;
            if (end > png.length) {
                break; // truncated or corrupt: the decoder says which
            }
            String type = ImageLoader.ascii(png, pos + 4, 4);
            if (!keep(type)) {
                if (out == null) out = new ByteArrayOutputStream(png.length);
                out.write(png, copiedUpTo, pos - copiedUpTo);
                copiedUpTo = (int) end;
            }
            pos = (int) end;
            if (type.equals("IEND")) {
                break;
            }
        }
        if (out == null) {
            return png;
        }
        out.write(png, copiedUpTo, png.length - copiedUpTo);
        return out.toByteArray();
    }

    private static boolean keep(String type) {
        return switch (type) {
            case "IHDR", "PLTE", "tRNS", "IDAT", "IEND" -> true;
            default -> false;
        };
    }

    private static long readUint(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
