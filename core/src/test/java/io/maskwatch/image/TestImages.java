package io.maskwatch.image;

import io.maskwatch.model.SharedFolder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Generates the image files the loader tests need: odd layouts, EXIF orientations, bombs. */
final class TestImages {

    private TestImages() {
    }

    static Path shared() {
        return SharedFolder.require();
    }

    static Path validationPhoto(String name) {
        return shared().resolve("datasets/reference-photos-validation/images").resolve(name);
    }

    /** A w × h picture with a red top-left quadrant, a blue top-right one and a grey bottom half. */
    static BufferedImage quadrants(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h / 2);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG written in progressive mode. */
    static byte[] progressiveJpeg(BufferedImage img) {
        try {
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream o = ImageIO.createImageOutputStream(out)) {
                w.setOutput(o);
                w.write(null, new IIOImage(img, null, null), p);
            }
            w.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CMYK JPEG as Photoshop writes it: Adobe APP14 segment (transform 0) and inverted samples.
     * Left half cyan ink, right half magenta ink.
     */
    static byte[] cmykJpeg(int w, int h) {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setPixel(x, y, x < w / 2 ? new int[] {0, 255, 255, 255} : new int[] {255, 0, 255, 255});
            }
        }
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream o = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(o);
                writer.write(null, new IIOImage(r, null, null), null);
            }
            writer.dispose();
            byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
            return insertAfterSoi(out.toByteArray(), app14);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with an APP1 Exif segment (big-endian TIFF, one IFD entry) declaring the orientation. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);            // header, IFD0 at offset 8
        tiff.putShort((short) 1);                        // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        tiff.putShort((short) orientation).putShort((short) 0);      // value, left-justified
        tiff.putInt(0);                                  // no next IFD
        byte[] t = tiff.array();
        int len = 2 + 6 + t.length;
        byte[] seg = new byte[2 + len];
        seg[0] = (byte) 0xFF;
        seg[1] = (byte) 0xE1;
        seg[2] = (byte) (len >> 8);
        seg[3] = (byte) len;
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, seg, 4, 6);
        System.arraycopy(t, 0, seg, 10, t.length);
        return insertAfterSoi(jpeg, seg);
    }

    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] b = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, b, 0, 2);
        System.arraycopy(segment, 0, b, 2, segment.length);
        System.arraycopy(jpeg, 2, b, 2 + segment.length, jpeg.length - 2);
        return b;
    }

    /** A valid, tiny PNG whose header declares width × height 8-bit RGB pixels (a decompression bomb). */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        // A few kilobytes of zlib data that would inflate to gigabytes of zeros.
        java.util.zip.Deflater d = new java.util.zip.Deflater(9);
        d.setInput(new byte[1 << 20]);
        d.finish();
        byte[] buf = new byte[1 << 16];
        int n = d.deflate(buf);
        byte[] idat = java.util.Arrays.copyOf(buf, n);
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A real baseline JPEG whose SOF0 frame header is patched to declare width × height. */
    static byte[] jpegBomb(int width, int height) {
        byte[] b = encode(quadrants(64, 48), "jpeg");
        for (int i = 2; i + 8 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && ((b[i + 1] & 0xff) == 0xC0 || (b[i + 1] & 0xff) == 0xC2)) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
        }
        throw new IllegalStateException("no SOF marker");
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer len = ByteBuffer.allocate(4).putInt(data.length);
        out.writeBytes(len.array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
