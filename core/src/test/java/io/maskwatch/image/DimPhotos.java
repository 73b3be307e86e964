package io.maskwatch.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Photos as a dim camera would see them, for the tests of {@link Exposure} here and in the eval module, and, run as a
 * program, for the dim and washed-out sets of docs/detection.md ("Dim and washed-out photos"): {@code DimPhotos SET_DIR OUT_DIR K
 * [CENTER]} writes every photo of a makesense.ai CSV set {@link #flattened} toward CENTER (default 0: darkened), with
 * Gaussian noise of 2 levels added (seed 42) and JPEG quality 0.92, next to a copy of its annotations.csv.
 */
public final class DimPhotos {

    private DimPhotos() {
    }

    /** {@code image} as TYPE_3BYTE_BGR with every channel value multiplied by {@code k} (rounded). */
    public static BufferedImage darkened(BufferedImage image, double k) {
        return flattened(image, k, 0);
    }

    /**
     * {@code image} as TYPE_3BYTE_BGR with every channel value moved toward {@code center}: {@code center + (v - center) * k}
     * (center 0: darkened; center 128: washed out, as through haze).
     */
    public static BufferedImage flattened(BufferedImage image, double k, int center) {
        BufferedImage bgr = ImageLoader.toBgr(image);
        BufferedImage out = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] s = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < s.length; i++) {
            d[i] = (byte) Math.round(center + ((s[i] & 0xff) - center) * k);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        java.nio.file.Path set = java.nio.file.Path.of(args[0]);
        java.nio.file.Path out = java.nio.file.Path.of(args[1]);
        double k = Double.parseDouble(args[2]);
        int center = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        java.util.Random noise = new java.util.Random(42);
        java.nio.file.Files.createDirectories(out.resolve("images"));
        java.nio.file.Files.copy(set.resolve("annotations.csv"), out.resolve("annotations.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.util.List<java.nio.file.Path> files;
        try (var s = java.nio.file.Files.list(set.resolve("images"))) {
            files = s.sorted().toList();
        }
        for (java.nio.file.Path f : files) {
            BufferedImage dim = flattened(ImageLoader.read(f), k, center);
            byte[] d = ((DataBufferByte) dim.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) Math.max(0, Math.min(255, (int) Math.round((d[i] & 0xff) + 2 * noise.nextGaussian())));
            }
            ImageEncoder.write(dim, "jpg", 0.92f, out.resolve("images").resolve(f.getFileName().toString()));
        }
        System.out.println(files.size() + " photos flattened to " + k + " toward " + center + " in " + out);
    }
}
