package io.maskwatch.video;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.dataset.AnnotatedImage;
import io.maskwatch.dataset.DatasetOptions;
import io.maskwatch.dataset.DatasetReaders;
import io.maskwatch.video.bench.PhotoVideo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Real photos made into test videos (once per test JVM), the models, and running watch in-process. */
final class VideoFixtures {

    static final Path SHARED = SharedFolder.require();
    static final Path DATASET = SHARED.resolve("datasets/reference-photos-validation");
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path TARGET = Path.of("target/test-videos").toAbsolutePath();
    /**
     * Photos of the test video: masked and unmasked people, single faces and groups (38.jpg has 8 faces, both kinds).
     * The full set is measured by watch-bench accuracy (docs/watch.md).
     */
    static final List<String> PHOTOS = List.of("38.jpg", "208.jpg", "243.jpg", "258.jpg", "51.jpg", "62.jpg", "57.jpg", "150.jpg");

    private static List<PhotoVideo.Shot> shots;

    private VideoFixtures() {
    }

    /** The annotated photos of {@link #PHOTOS}; fails loudly when ../shared is missing. */
    static List<AnnotatedImage> photos() {
        assertTrue(Files.isDirectory(DATASET), "the annotated photos are missing: " + DATASET + " (../shared)");
        List<AnnotatedImage> all = DatasetReaders.read(DATASET, DatasetOptions.DEFAULT).images();
        List<AnnotatedImage> out = new ArrayList<>();
        for (String name : PHOTOS) {
            out.add(all.stream().filter(i -> i.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not in " + DATASET)));
        }
        return out;
    }

    /** 1280x720, 5 fps, each photo held 2 s with a 5% zoom: 80 frames. */
    static synchronized Path photoVideo() throws Exception {
        Path video = TARGET.resolve("photos-720p.mp4");
        if (shots == null) {
            shots = PhotoVideo.write(photos(), new PhotoVideo.Config(1280, 720, 5, 2, 1.05), video);
        }
        return video;
    }

    /** A short video for the stream, MQTT and browser tests: 3 photos, 2 s each at 10 fps, mpeg4 in mp4. */
    static synchronized Path shortVideo() throws Exception {
        Path video = TARGET.resolve("short-480p.mp4");
        if (!Files.exists(video)) {
            List<AnnotatedImage> three = photos().stream()
                    .filter(p -> List.of("208.jpg", "51.jpg", "243.jpg").contains(p.name())).toList();
            Path tmp = TARGET.resolve("short-480p.tmp.mp4");
            PhotoVideo.write(three, new PhotoVideo.Config(854, 480, 10, 2, 1.05), tmp);
            Files.move(tmp, video);
        }
        return video;
    }

    static synchronized List<PhotoVideo.Shot> shots() throws Exception {
        photoVideo();
        return shots;
    }

    /** Model options every test passes: the project's classifier and the shared detectors, never downloaded. */
    static List<String> modelArgs() {
        return List.of("--offline", "--model-path", REPO.resolve("models") + ":" + SHARED.resolve("models"));
    }

    /** What one in-process run of watch printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run watch(WatchCommand command, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(args);
        all.addAll(modelArgs());
        int rc = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Run(rc, out.toString(), err.toString());
    }

    static List<WatchEvent> events(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(s -> !s.isBlank()).map(WatchEvent::fromJson).toList();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
