package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.detect.Detectors;
import io.maskwatch.model.ModelStore;
import io.maskwatch.pipeline.Pipeline;
import io.maskwatch.pipeline.PipelineConfig;
import io.maskwatch.pipeline.Pipelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The real pipeline (loaded once per test JVM and shared by every server), photos and an HTTP client. */
final class Fixtures {

    static final Path SHARED = SharedFolder.require();
    static final Path PHOTOS = SHARED.resolve("datasets/reference-photos-validation/images");
    /** A photo with several annotated faces (8), masked and unmasked. */
    static final Path GROUP_PHOTO = PHOTOS.resolve("38.jpg");

    private static Pipeline pipeline;

    private Fixtures() {
    }

    /** The same pipeline {@code maskwatch detect} and {@code maskwatch serve} use, with the default models. */
    static synchronized Pipeline pipeline() {
        if (pipeline == null) {
            pipeline = openPipeline();
            Pipeline p = pipeline;
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
        }
        return pipeline;
    }

    /** A fresh pipeline, as {@code maskwatch serve} opens it; the caller closes it. */
    static Pipeline openPipeline() {
        return Pipelines.open(ModelStore.defaults(), Detectors.DEFAULT, PipelineConfig.DEFAULT, 1);
    }

    static ServerConfig config() {
        return ServerConfig.defaults().withPort(0).withWorkers(2, 4);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> photos() {
        assertTrue(Files.isDirectory(PHOTOS), "validation photos not found at " + PHOTOS);
        try (Stream<Path> s = Files.list(PHOTOS)) {
            return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> post(HttpClient client, URI uri, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
