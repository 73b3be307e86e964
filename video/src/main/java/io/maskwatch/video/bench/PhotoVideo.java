package io.maskwatch.video.bench;

import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.FaceClass;
import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A test video made of annotated photos: each photo, scaled to fit the frame (grey bars), is held for a few seconds
 * with a slow zoom of {@code zoom} (1 = none) towards its centre, so that faces move a little as in a real scene.
 * Every annotated face is one person with a known label; {@link Shot} gives its box in video pixels per frame.
 * MPEG-4 Part 2 in an .mp4 (the LGPL FFmpeg has no H.264 encoder; GStreamer's RTSP server can serve this too).
 */
public final class PhotoVideo {

    /** One photo on screen: frames [first, last], its faces (boxes at the first frame) and the zoom per frame. */
    public record Shot(String photo, int first, int last, List<Person> people, double x0, double y0, double scale0,
                       double zoomPerFrame, int width, int height) {

        /** The box of a person at frame {@code frame} of this shot. */
        public Box boxAt(Person p, int frame) {
            double z = Math.pow(zoomPerFrame, frame - first);
            double cx = width / 2.0, cy = height / 2.0;
            Box b = p.box();
            return new Box(cx + (b.x1() - cx) * z, cy + (b.y1() - cy) * z, cx + (b.x2() - cx) * z, cy + (b.y2() - cy) * z);
        }
    }

    /** One annotated face: an id unique in the video, its class and its box at the shot's first frame. */
    public record Person(int id, FaceClass cls, Box box) {
        /** The shorter side in video pixels at the first frame. */
        public double size() {
            return Math.min(box.width(), box.height());
        }
    }

    /** The settings of a test video. */
    public record Config(int width, int height, double fps, double secondsPerPhoto, double zoom) {
        public Config {
            if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("video size must be even and >= 16: " + width + "x" + height);
            }
            if (!(fps > 0) || !(secondsPerPhoto > 0) || !(zoom >= 1)) {
                throw new IllegalArgumentException("fps, seconds per photo must be > 0 and zoom >= 1");
            }
        }
    }

    static {
        io.maskwatch.video.Ffmpeg.quiet();
    }

    private PhotoVideo() {
    }

    /** Writes the video of {@code photos} to {@code out} and returns its shots. */
    public static List<Shot> write(List<AnnotatedImage> photos, Config c, Path out) throws Exception {
        return make(photos, c, out);
    }

    /** The shots {@link #write} would give, without encoding (to score again the events of an earlier run). */
    public static List<Shot> plan(List<AnnotatedImage> photos, Config c) throws Exception {
        return make(photos, c, null);
    }

    private static List<Shot> make(List<AnnotatedImage> photos, Config c, Path out) throws Exception {
        if (out != null && out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        int perPhoto = (int) Math.round(c.fps() * c.secondsPerPhoto());
        double zoomPerFrame = Math.pow(c.zoom(), 1.0 / Math.max(1, perPhoto - 1));
        List<Shot> shots = new ArrayList<>();
        Java2DFrameConverter converter = new Java2DFrameConverter();
        FFmpegFrameRecorder r = out == null ? null : new FFmpegFrameRecorder(out.toString(), c.width(), c.height(), 0);
        if (r != null) {
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(c.fps());
            r.setVideoQuality(2);
            r.setGopSize((int) Math.round(c.fps()));
            r.start();
        }
        int frame = 0;
        int nextId = 1;
        try {
            for (AnnotatedImage photo : photos) {
                BufferedImage img = ImageLoader.read(photo.image());
                if (r == null) { // only the geometry is needed
                    img = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                }
                double sx = img.getWidth() / (double) photo.width();
                double sy = img.getHeight() / (double) photo.height();
                double scale = Math.min(c.width() / (double) img.getWidth(), c.height() / (double) img.getHeight());
                double x0 = (c.width() - img.getWidth() * scale) / 2;
                double y0 = (c.height() - img.getHeight() * scale) / 2;
                List<Person> people = new ArrayList<>();
                for (GroundTruthFace f : photo.faces()) {
                    Box b = f.box();
                    people.add(new Person(nextId++, f.cls(), new Box(x0 + b.x1() * sx * scale, y0 + b.y1() * sy * scale,
                            x0 + b.x2() * sx * scale, y0 + b.y2() * sy * scale)));
                }
                Shot shot = new Shot(photo.name(), frame, frame + perPhoto - 1, List.copyOf(people), x0, y0, scale,
                        zoomPerFrame, c.width(), c.height());
                shots.add(shot);
                for (int k = 0; r != null && k < perPhoto; k++) {
                    double z = Math.pow(zoomPerFrame, k);
                    BufferedImage canvas = new BufferedImage(c.width(), c.height(), BufferedImage.TYPE_3BYTE_BGR);
                    Graphics2D g = canvas.createGraphics();
                    g.setColor(new Color(96, 96, 96));
                    g.fillRect(0, 0, c.width(), c.height());
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                    double cx = c.width() / 2.0, cy = c.height() / 2.0;
                    double dx = cx + (x0 - cx) * z, dy = cy + (y0 - cy) * z;
                    g.drawImage(img, (int) Math.round(dx), (int) Math.round(dy),
                            (int) Math.round(img.getWidth() * scale * z), (int) Math.round(img.getHeight() * scale * z), null);
                    g.dispose();
                    r.record(converter.convert(canvas));
                }
                frame += perPhoto;
            }
        } finally {
            if (r != null) {
                r.stop();
                r.release();
            }
        }
        return List.copyOf(shots);
    }
}
