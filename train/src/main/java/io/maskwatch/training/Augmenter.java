package io.maskwatch.training;

import io.maskwatch.image.Resampler;
import io.maskwatch.classify.CropSpec;
import io.maskwatch.classify.FaceCrops;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Training-time augmentation that mimics what the detector hands over: the face BOX is jittered
 * (scale, aspect, shift) before the shared crop rule runs, then the crop gets image-level changes:
 * flip, colour, down-scaling to 6–40 px and back, blur, JPEG re-encoding.
 */
public final class Augmenter {

    /** How strong each augmentation is; {@link #DEFAULT} is what the committed model used. */
    public record Settings(double scaleMin, double scaleMax, double shift, double aspect,
                           double pDownscale, int downMin, int downMax, double pBlur, double pJpeg,
                           double colour, double pGrey) {
        public static final Settings DEFAULT = new Settings(0.9, 1.2, 0.08, 0.1, 0.4, 6, 40, 0.15, 0.3, 0.35, 0.05);
    }

    private final CropSpec spec;
    private final Settings s;

    public Augmenter(CropSpec spec, Settings settings) {
        this.spec = spec;
        this.s = settings;
    }

    /** The plain crop of a sample (no augmentation): what evaluation and serving see. */
    public BufferedImage plain(FaceSample sample) {
        return FaceCrops.crop(sample.patch(), sample.face(), spec);
    }

    /** One random augmented crop of the sample. */
    public BufferedImage augment(FaceSample sample, Random r) {
        Box f = sample.face();
        double scale = Math.exp(Math.log(s.scaleMin()) + r.nextDouble() * (Math.log(s.scaleMax()) - Math.log(s.scaleMin())));
        double aspect = 1 + (r.nextDouble() * 2 - 1) * s.aspect();
        double w = f.width() * scale * Math.sqrt(aspect);
        double h = f.height() * scale / Math.sqrt(aspect);
        double side = Math.max(f.width(), f.height());
        double cx = f.centerX() + (r.nextDouble() * 2 - 1) * s.shift() * side;
        double cy = f.centerY() + (r.nextDouble() * 2 - 1) * s.shift() * side;
        BufferedImage crop = FaceCrops.crop(sample.patch(), new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), spec);
        byte[] b = Resampler.bgrBytes(crop);
        int n = spec.size();
        if (r.nextBoolean()) FaceCrops.mirror(b, n, n);
        if (r.nextDouble() < s.pDownscale()) {
            double lo = Math.log(s.downMin());
            double hi = Math.log(s.downMax());
            int t = (int) Math.round(Math.exp(lo + r.nextDouble() * (hi - lo)));
            BufferedImage small = Resampler.resample(crop, new Box(0, 0, n, n), t, t);
            crop = Resampler.resample(small, new Box(0, 0, t, t), n, n);
            b = Resampler.bgrBytes(crop);
        }
        colour(b, r);
        if (r.nextDouble() < s.pBlur()) blur(b, n);
        if (r.nextDouble() < s.pJpeg()) crop = jpeg(crop, 0.2f + 0.7f * r.nextFloat());
        return crop;
    }

    /** Brightness, contrast, saturation and a small per-channel gain; sometimes grey. */
    private void colour(byte[] b, Random r) {
        double c = s.colour();
        double bright = 1 + (r.nextDouble() * 2 - 1) * c;
        double contrast = 1 + (r.nextDouble() * 2 - 1) * c;
        double sat = r.nextDouble() < s.pGrey() ? 0 : 1 + (r.nextDouble() * 2 - 1) * c * 1.5;
        double[] gain = {1 + (r.nextDouble() * 2 - 1) * c / 3, 1 + (r.nextDouble() * 2 - 1) * c / 3,
            1 + (r.nextDouble() * 2 - 1) * c / 3};
        double mean = 0;
        for (int p = 0; p < b.length; p += 3) mean += grey(b, p);
        mean /= b.length / 3.0;
        for (int p = 0; p < b.length; p += 3) {
            double g = grey(b, p);
            for (int k = 0; k < 3; k++) {
                double v = (b[p + k] & 0xff);
                v = g + (v - g) * sat;
                v = (v - mean) * contrast + mean;
                v = v * bright * gain[k];
                b[p + k] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
    }

    private static double grey(byte[] b, int p) {
        return 0.114 * (b[p] & 0xff) + 0.587 * (b[p + 1] & 0xff) + 0.299 * (b[p + 2] & 0xff);
    }

    /** 3×3 binomial blur. */
    private static void blur(byte[] b, int n) {
        byte[] src = b.clone();
        int[] w = {1, 2, 1};
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                for (int k = 0; k < 3; k++) {
                    int acc = 0;
                    for (int j = -1; j <= 1; j++) {
                        int yy = Math.max(0, Math.min(n - 1, y + j));
                        for (int i = -1; i <= 1; i++) {
                            int xx = Math.max(0, Math.min(n - 1, x + i));
                            acc += w[i + 1] * w[j + 1] * (src[(yy * n + xx) * 3 + k] & 0xff);
                        }
                    }
                    b[(y * n + x) * 3 + k] = (byte) ((acc + 8) / 16);
                }
            }
        }
    }

    private static BufferedImage jpeg(BufferedImage img, float quality) {
        try {
            byte[] bytes = ImageEncoder.encode(img, "jpeg", quality);
            BufferedImage back = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
            return io.maskwatch.image.ImageLoader.toBgr(back);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
