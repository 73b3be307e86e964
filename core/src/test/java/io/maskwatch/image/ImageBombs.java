package io.maskwatch.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Hostile images that are small and valid but cost the decoder far more than their size says, for the loader's
 * tests and the server's (published as the core test jar). Deterministic: no randomness.
 */
public final class ImageBombs {

    private ImageBombs() {
    }

    /**
     * A 64 × 64 PNG with one metadata chunk ({@code zTXt}, {@code iTXt} or {@code iCCP}) whose zlib stream inflates
     * to {@code inflatedBytes} zeros: about 1 MB of file per GB inflated.
     */
    public static byte[] pngMetadataBomb(String chunkType, long inflatedBytes) {
        byte[] png = encode(picture(64, 64), "png");
        byte[] zlib = deflatedZeros(inflatedBytes);
        byte[] head = switch (chunkType) {
            case "zTXt" -> "Comment\0\0".getBytes(StandardCharsets.ISO_8859_1);
            case "iTXt" -> "Comment\0\1\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
            case "iCCP" -> "icc\0\0".getBytes(StandardCharsets.ISO_8859_1);
            default -> throw new IllegalArgumentException("zTXt, iTXt or iCCP: " + chunkType);
        };
        byte[] data = new byte[head.length + zlib.length];
        System.arraycopy(head, 0, data, 0, head.length);
        System.arraycopy(zlib, 0, data, head.length, zlib.length);
        int afterIhdr = 8 + 12 + 13;
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + data.length + 12);
        out.write(png, 0, afterIhdr);
        chunk(out, chunkType, data);
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /**
     * A progressive JPEG of width × height flat pixels whose smallest scan is repeated {@code repeats} more times:
     * each copy is a few bytes, yet a decoder that renders the image after every scan does the whole image again.
     */
    public static byte[] progressiveScanBomb(int width, int height, int repeats) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(120, 140, 160));
        g.fillRect(0, 0, width, height);
        g.dispose();
        byte[] jpeg = progressiveJpeg(img);
        List<int[]> scans = scans(jpeg);
        int[] smallest = scans.get(1);
        for (int[] scan : scans.subList(1, scans.size())) {
            if (scan[1] - scan[0] < smallest[1] - smallest[0]) smallest = scan;
        }
        int to = scans.get(scans.size() - 1)[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, to);
        for (int r = 0; r < repeats; r++) {
            out.write(jpeg, smallest[0], smallest[1] - smallest[0]);
        }
        out.write(jpeg, to, jpeg.length - to);
        return out.toByteArray();
    }

    /**
     * A PNG of width × height transparent RGBA pixels, a few hundred KB for 48 megapixels: within the default pixel
     * limit, it needs width × height × 4 bytes to decode, plus its BGR copy.
     */
    public static byte[] flatPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        // Each row is a filter byte (0) and 4 zero bytes a pixel: the whole stream is zeros.
        chunk(out, "IDAT", deflatedZeros((long) height * (1 + 4L * width)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A JPEG written in progressive mode by the JDK's encoder. */
    public static byte[] progressiveJpeg(BufferedImage img) {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            w.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    /** [start, end) of each scan: its SOS segment and entropy-coded data up to the next marker. */
    static List<int[]> scans(byte[] b) {
        List<int[]> out = new ArrayList<>();
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xDA) {
                int j = i + 2 + (((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff));
                while (j + 1 < b.length && !((b[j] & 0xff) == 0xFF && b[j + 1] != 0
                        && ((b[j + 1] & 0xff) < 0xD0 || (b[j + 1] & 0xff) > 0xD7))) {
                    j++;
                }
                out.add(new int[] {i, j});
                i = j - 1;
            }
        }
        return out;
    }

    static BufferedImage picture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflatedZeros(long n) {
        Deflater d = new Deflater(9);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long left = n; left > 0; ) {
            int k = (int) Math.min(zeros.length, left);
            d.setInput(zeros, 0, k);
            left -= k;
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
