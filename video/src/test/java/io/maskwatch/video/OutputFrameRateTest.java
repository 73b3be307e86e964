package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 30 fps file comes out of --output at 30 fps and as long as it went in (it was stretched to 25 fps). */
class OutputFrameRateTest {

    @TempDir
    Path dir;

    @Test
    void outputKeepsTheFilesFrameRate() throws Exception {
        BufferedImage photo = ImageLoader.read(VideoFixtures.DATASET.resolve("images/208.jpg"));
        Path in = dir.resolve("in.mp4");
        VideoOutput video = new VideoOutput(in, VideoOutput.Codec.MPEG4, 30);
        int frames = 45;
        for (int i = 0; i < frames; i++) {
            video.write(photo, i / 30.0);
        }
        video.close();
        Path out = dir.resolve("out.mp4");
        VideoFixtures.Run run = VideoFixtures.watch(new WatchCommand(), List.of(in.toString(), "--output", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals(30, g.getFrameRate(), 0.5, "frame rate of " + out);
            double seconds = g.getLengthInTime() / 1e6;
            assertTrue(Math.abs(seconds - frames / 30.0) < 0.15, "output lasts " + seconds + " s, the input " + frames / 30.0);
            g.stop();
        }
    }
}
