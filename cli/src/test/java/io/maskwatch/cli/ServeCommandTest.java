package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.server.MaskwatchServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code maskwatch serve}: usage errors, a port in use, and a real run serving a photo, driven by loadtest. */
class ServeCommandTest {

    private void assertUsage(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
    }

    @Test
    void usageErrors() {
        assertUsage("port must be in [0, 65535]", "serve", "--port", "70000");
        assertUsage("workers must be >= 1", "serve", "--workers", "0");
        assertUsage("queue must be >= 0", "serve", "--queue", "-1");
        assertUsage("max body bytes must be", "serve", "--max-body-bytes", "0");
        assertUsage("--max-pixels must be >= 1", "serve", "--max-pixels", "0");
        assertUsage("--threshold must be between 0 and 1", "serve", "--threshold", "1.5");
        assertUsage("unknown --detector 'nope'", "serve", "--detector", "nope");
        assertUsage("CORS origin must be * or scheme://host[:port]", "serve", "--cors-origin", "example.com/x");
        assertUsage("not a folder", "serve", "loadtest", "--images", "/no/such/folder");
    }

    @Test
    void portInUseExitsWithOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.toString());
        }
    }

    @Test
    void servesPhotosUntilStoppedAndTheLoadTestDrivesIt() throws Exception {
        ServeCommand serve = new ServeCommand();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(serve);
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cl.execute("--port", "0", "--workers", "1", "--queue", "2"));
        MaskwatchServer server = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server == null && System.nanoTime() < deadline && !exit.isDone()) {
            server = serve.server();
            Thread.sleep(50);
        }
        assertTrue(server != null && server.ready(), "server did not start: " + err);
        try {
            URI base = server.uri();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            Path photo = CliRun.validationPhoto("38.jpg");
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("api/v1/detect"))
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofFile(photo)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"mask_probability\""), r.body());
            assertTrue(err.toString().contains("ready at " + base), err.toString());

            // The load test tool against the same server: 3 clients for 3 s, a few photos.
            Path images = Files.createTempDirectory("loadtest");
            for (String name : new String[] {"3.jpg", "7.jpg", "38.jpg"}) {
                Files.copy(CliRun.validationPhoto(name), images.resolve(name));
            }
            CliRun load = CliRun.of("serve", "loadtest", "--url", base.toString(), "--clients", "3",
                    "--duration", "3", "--images", images.toString());
            assertEquals(0, load.exitCode(), load.toString());
            assertTrue(load.out().contains("requests:"), load.toString());
            assertTrue(load.out().matches("(?s).*200: [1-9]\\d* .*"), load.toString());
            assertTrue(load.out().contains("unexpected errors (5xx other than 503, transport): 0"), load.toString());
            assertTrue(load.out().matches("(?s).*server heap: max sampled used \\d+ MiB.*"), load.toString());
        } finally {
            serve.stop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertTrue(err.toString().contains("maskwatch serve: stopped"), err.toString());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = server.uri().resolve("health");
        try {
            client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("server still answers after stop");
        } catch (java.io.IOException expected) {
            // connection refused: the port is closed
        }
    }
}
