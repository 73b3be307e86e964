package io.maskwatch.video.bench;

import io.maskwatch.cli.ModelOptions;
import io.maskwatch.cli.PipelineOptions;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.Dataset;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.Pipelines;
import io.maskwatch.video.TrackerConfig;
import io.maskwatch.video.Tracker;
import io.maskwatch.video.WatchCommand;
import io.maskwatch.video.WatchEvent;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measurements of watch that print numbers (not tests): {@code accuracy} makes a video of an annotated set and
 * scores watch's alerts per person; {@code speed} prints frames analysed per second at 640x480 and 1280x720.
 * Run: {@code java -cp 'video/target/maskwatch-video.jar:video/target/lib/*' io.maskwatch.video.bench.WatchBench accuracy}.
 */
@Command(name = "watch-bench", mixinStandardHelpOptions = true,
        subcommands = {WatchBench.Accuracy.class, WatchBench.Speed.class},
        description = "Measures maskwatch watch: per-person accuracy on a video made of annotated photos, and speed.")
public final class WatchBench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new WatchBench()).execute(args));
    }

    /** The annotated photos, all or a seeded sample of {@code n}, in the set's order. */
    static List<AnnotatedImage> photos(Path dataset, int n, long seed) {
        Dataset d = DatasetReaders.read(dataset, DatasetOptions.DEFAULT);
        List<AnnotatedImage> all = d.images();
        if (n <= 0 || n >= all.size()) {
            return all;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        List<Integer> keep = new ArrayList<>(idx.subList(0, n));
        Collections.sort(keep);
        return keep.stream().map(all::get).toList();
    }

    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? s : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Command(name = "accuracy", mixinStandardHelpOptions = true,
            description = "Video of an annotated set (each photo held, slow zoom) -> watch -> per-person recall, wrong, duplicate alerts, id switches.")
    static final class Accuracy implements Callable<Integer> {
        @Option(names = "--dataset", defaultValue = "../shared/datasets/reference-photos-validation") Path dataset;
        @Option(names = "--photos", defaultValue = "0", description = "Seeded sample of N photos (0 = all).") int photos;
        @Option(names = "--seed", defaultValue = "42") long seed;
        @Option(names = "--size", defaultValue = "1280x720") String size;
        @Option(names = "--fps", defaultValue = "5", description = "Frame rate of the made video.") double fps;
        @Option(names = "--seconds", defaultValue = "2", description = "Seconds each photo is held.") double seconds;
        @Option(names = "--zoom", defaultValue = "1.05", description = "Zoom over a photo's seconds.") double zoom;
        @Option(names = "--min-size", defaultValue = "20", description = "Unmasked people at least this big (px, shorter side) count for recall.") double minSize;
        @Option(names = "--out", defaultValue = "target/watch-bench") Path out;
        @Option(names = "--rescore", description = "Score the events of the last run in --out again (no watch run).") boolean rescore;
        @Option(names = "--watch-args", split = " ", description = "Extra watch options, e.g. '--alert-frames 5'.") List<String> watchArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            String commit = gitCommit(); // before the run: the code that runs is the one checked out now
            int[] wh = parseSize(size);
            List<AnnotatedImage> list = photos(dataset, photos, seed);
            Path video = out.resolve("photos-" + wh[0] + "x" + wh[1] + ".mp4");
            PhotoVideo.Config config = new PhotoVideo.Config(wh[0], wh[1], fps, seconds, zoom);
            List<PhotoVideo.Shot> shots = rescore ? PhotoVideo.plan(list, config) : PhotoVideo.write(list, config, video);
            Path events = out.resolve("events.jsonl");
            List<String> args = new ArrayList<>(List.of(video.toString(), "--events", events.toString()));
            args.addAll(watchArgs);
            long t0 = System.nanoTime();
            int rc = rescore ? 0 : new CommandLine(new WatchCommand()).execute(args.toArray(String[]::new));
            double wall = (System.nanoTime() - t0) / 1e9;
            List<WatchEvent> ev = Files.readAllLines(events).stream().filter(s -> !s.isBlank()).map(WatchEvent::fromJson).toList();
            PersonScore score = PersonScore.of(shots, ev, minSize);
            System.out.printf(Locale.ROOT, "dataset %s, %d photos (seed %d), %dx%d, %.0f fps, %.1f s a photo, zoom %.2f, commit %s, watch args %s%n",
                    dataset, list.size(), seed, wh[0], wh[1], fps, seconds, zoom, commit, watchArgs);
            System.out.println(score);
            System.out.printf(Locale.ROOT, "watch exit %d, %.1f s for %d frames (%d cores)%n", rc, wall,
                    shots.isEmpty() ? 0 : shots.get(shots.size() - 1).last() + 1, Runtime.getRuntime().availableProcessors());
            if (!score.missed().isEmpty()) {
                System.out.println("missed: " + String.join("; ", score.missed()));
            }
            if (!score.wrong().isEmpty()) {
                System.out.println("wrong: " + String.join("; ", score.wrong()));
            }
            return rc;
        }
    }

    @Command(name = "speed", mixinStandardHelpOptions = true,
            description = "Frames analysed per second (decode excluded, tracker included) at 640x480 and 1280x720, watch's pipeline.")
    static final class Speed implements Callable<Integer> {
        @Option(names = "--dataset", defaultValue = "../shared/datasets/reference-photos-validation") Path dataset;
        @Option(names = "--photos", defaultValue = "8") int photos;
        @Option(names = "--seed", defaultValue = "42") long seed;
        @Option(names = "--frames", defaultValue = "100", description = "Frames analysed per size (after 10 warm-up frames).") int frames;
        @Option(names = "--out", defaultValue = "target/watch-bench") Path out;
        @Option(names = "--passes", defaultValue = "640", description = "Detector passes as watch --passes.") String passes;
        @Option(names = "--onnx-threads", defaultValue = "1", description = "ONNX Runtime threads per frame (1, as watch uses; 0 = all cores).") int onnxThreads;
        @Mixin PipelineOptions pipelineOptions;
        @Mixin ModelOptions modelOptions;

        @Override
        public Integer call() throws Exception {
            List<AnnotatedImage> list = photos(dataset, photos, seed);
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "%d cores, detector %s, passes %s, ONNX threads %d, commit %s%n", cores,
                    pipelineOptions.detector(), passes, onnxThreads, gitCommit());
            try (Pipeline pipeline = Pipelines.open(modelOptions.store(new PrintWriter(System.err, true)),
                    pipelineOptions.detector(), io.maskwatch.video.DetectorPasses.parse(passes), pipelineOptions.config(0), onnxThreads)) {
                for (int[] wh : new int[][] {{640, 480}, {1280, 720}}) {
                    Path video = out.resolve("speed-" + wh[0] + "x" + wh[1] + ".mp4");
                    PhotoVideo.write(list, new PhotoVideo.Config(wh[0], wh[1], 25, Math.max(0.2, (frames + 10) / 25.0 / list.size()), 1.05), video);
                    List<BufferedImage> decoded = new ArrayList<>();
                    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toString())) {
                        g.start();
                        Java2DFrameConverter c = new Java2DFrameConverter();
                        Frame f;
                        while (decoded.size() < frames + 10 && (f = g.grabImage()) != null) {
                            decoded.add(Java2DFrameConverter.cloneBufferedImage(c.convert(f)));
                        }
                    }
                    Tracker tracker = new Tracker(TrackerConfig.DEFAULT, 0.5);
                    var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                    long cpu0 = 0, t0 = 0;
                    int n = 0;
                    for (int i = 0; i < decoded.size(); i++) {
                        if (i == Math.min(10, decoded.size() - 1)) {
                            cpu0 = bean.getProcessCpuTime();
                            t0 = System.nanoTime();
                        }
                        List<FaceResult> faces = pipeline.run(decoded.get(i));
                        tracker.update(faces, i / 25.0);
                        if (i >= 10) {
                            n++;
                        }
                    }
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double cpu = (bean.getProcessCpuTime() - cpu0) / 1e9;
                    System.out.printf(Locale.ROOT, "%dx%d: %.1f frames analysed/s (%d frames, %.1f s wall, %.1f CPU-s, %.0f ms CPU a frame)%n",
                            wh[0], wh[1], n / wall, n, wall, cpu, 1000 * cpu / n);
                }
            }
            return 0;
        }
    }

    static int[] parseSize(String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }
}
