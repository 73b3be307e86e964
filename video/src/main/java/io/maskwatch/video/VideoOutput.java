package io.maskwatch.video;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The annotated video of one source. FFmpeg's LGPL build has no H.264 encoder, so: MPEG-4 Part 2 (mp4, mkv, avi,
 * mov; plays everywhere) or Motion JPEG (.mjpeg, or any container with codec "mjpeg"). Opened on the first frame,
 * when the size is known; frames carry their source time, so skipped frames do not speed the video up.
 */
final class VideoOutput implements AutoCloseable {

    public enum Codec { MPEG4, MJPEG }

    private final Path path;
    private final Codec codec;
    private final double frameRate;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private FFmpegFrameRecorder recorder;
    private long lastMicros = -1;

    static {
        io.maskwatch.video.Ffmpeg.quiet();
    }

    VideoOutput(Path path, Codec codec, double frameRate) {
        this.path = path;
        this.codec = codec;
        this.frameRate = frameRate;
    }

    /** The codec for a file name: Motion JPEG for .mjpeg/.mjpg, MPEG-4 Part 2 otherwise. */
    static Codec codecFor(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".mjpeg") || n.endsWith(".mjpg") ? Codec.MJPEG : Codec.MPEG4;
    }

    void write(BufferedImage frame, double timeSeconds) throws Exception {
        if (recorder == null) {
            open(frame.getWidth(), frame.getHeight());
        }
        long micros = Math.round(timeSeconds * 1e6);
        long minStep = Math.round(1e6 / frameRate);
        if (lastMicros >= 0 && micros < lastMicros + minStep) {
            micros = lastMicros + minStep; // the muxer needs strictly increasing times
        }
        recorder.setTimestamp(micros);
        recorder.record(converter.convert(frame));
        lastMicros = micros;
    }

    private void open(int w, int h) throws Exception {
        if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(path.toString(), w - w % 2, h - h % 2, 0);
        r.setFrameRate(frameRate);
        if (codec == Codec.MJPEG) {
            r.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            if (path.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.mjpe?g$")) {
                r.setFormat("mjpeg");
            }
        } else {
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        }
        r.setVideoQuality(3); // qscale: 2 best .. 31 worst; 3 keeps labels legible
        r.setGopSize((int) Math.max(1, Math.round(frameRate * 2)));
        r.start();
        recorder = r;
    }

    @Override
    public void close() throws Exception {
        if (recorder != null) {
            recorder.stop();
            recorder.release();
            recorder = null;
        }
    }
}
