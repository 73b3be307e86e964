package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.image.ImageBombs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maskwatch serve} in its own JVM, as an operator runs it, under what took it down (issue 14): a PNG whose
 * metadata inflates to 1 GB, a progressive JPEG of 300 extra scans, an image the heap cannot hold, and SIGTERM in
 * the middle of requests. The process's peak memory is read from /proc (VmHWM, reset through clear_refs).
 */
class ServeHardeningProcessTest {

    private static final Pattern READY = Pattern.compile("ready at (http://\\S+/)");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A running {@code maskwatch serve --port 0} child process. */
    private record Served(Process process, URI uri, Path logFile) implements AutoCloseable {
        String log() throws IOException {
            return Files.readString(logFile);
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static Served serve(Path dir, List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Dmaskwatch.shared=" + CliRun.SHARED);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.maskwatch.cli.Main");
        cmd.add("serve");
        cmd.add("--port");
        cmd.add("0");
        cmd.addAll(List.of(args));
        Path log = dir.resolve("serve.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = READY.matcher(Files.readString(log));
            if (m.find()) {
                return new Served(p, URI.create(m.group(1)), log);
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not get ready:\n" + Files.readString(log));
    }

    private static long procStatusKb(Process p, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc status");
    }

    private HttpResponse<String> post(URI uri, String type, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bombsAreAnsweredQuicklyWithinBoundedMemoryAndSigtermAnswersEveryRequestThenExitsZero(@TempDir Path dir)
            throws Exception {
        byte[] photo = Files.readAllBytes(CliRun.validationPhoto("38.jpg"));
        byte[] pngBomb = ImageBombs.pngMetadataBomb("zTXt", 1L << 30); // ~1 MB that inflates to 1 GB
        byte[] scanBomb = ImageBombs.progressiveScanBomb(7000, 7000, 300);
        try (Served s = serve(dir, List.of(), "--workers", "2", "--queue", "4")) {
            URI detect = s.uri().resolve("api/v1/detect");
            assertEquals(200, post(detect, "image/jpeg", photo).statusCode(), s.log());

            // Metadata bomb: answered within 3 s, the process's peak memory grows by less than 600 MB.
            long rssBefore = procStatusKb(s.process(), "VmRSS");
            Files.writeString(Path.of("/proc", Long.toString(s.process().pid()), "clear_refs"), "5"); // resets VmHWM
            long t0 = System.nanoTime();
            HttpResponse<String> bomb = post(detect, "image/png", pngBomb);
            double bombSeconds = (System.nanoTime() - t0) / 1e9;
            long growthMb = (procStatusKb(s.process(), "VmHWM") - rssBefore) / 1024;
            System.out.printf("zTXt bomb (%d bytes, 1 GB inflated): status %d in %.2f s, peak RSS growth %d MB%n",
                    pngBomb.length, bomb.statusCode(), bombSeconds, growthMb);
            assertEquals(200, bomb.statusCode(), bomb.body()); // a valid 64 x 64 picture without its comment
            assertTrue(bombSeconds < 3, "answered after " + bombSeconds + " s");
            assertTrue(growthMb < 600, "peak memory grew by " + growthMb + " MB");

            // Scan bomb: answered within 15 s, as a clear error.
            t0 = System.nanoTime();
            HttpResponse<String> scans = post(detect, "image/jpeg", scanBomb);
            double scanSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("scan bomb (%d bytes, 7000x7000): status %d in %.2f s: %s%n", scanBomb.length,
                    scans.statusCode(), scanSeconds, scans.body());
            assertEquals(422, scans.statusCode(), scans.body());
            assertTrue(scans.body().contains("too many JPEG scans"), scans.body());
            assertTrue(scanSeconds < 15, "answered after " + scanSeconds + " s");

            // SIGTERM while 4 requests are in flight: all 4 are answered, and the exit code is 0.
            URI annotated = URI.create(detect + "?annotated=true");
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add(client.sendAsync(HttpRequest.newBuilder(annotated).header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            long t1 = System.nanoTime();
            String inflight = "";
            while (System.nanoTime() - t1 < TimeUnit.SECONDS.toNanos(10) && !inflight.equals("4")) {
                String m = client.send(HttpRequest.newBuilder(s.uri().resolve("metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher g = Pattern.compile("(?m)^maskwatch_requests_inflight (\\S+)$").matcher(m);
                inflight = g.find() ? g.group(1).replace(".0", "") : "?";
            }
            System.out.printf("SIGTERM with %s requests in flight, %.2f s after sending%n", inflight,
                    (System.nanoTime() - t1) / 1e9);
            s.process().destroy(); // SIGTERM
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> r;
                try {
                    r = f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("request not answered: " + e.getCause() + "\n" + s.log(), e);
                }
                assertEquals(200, r.statusCode(), r.body());
            }
            assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");
            assertEquals(0, s.process().exitValue(), s.log());
            assertTrue(s.log().contains("maskwatch serve: stopped"), s.log());
        }
    }

    @Test
    void runningOutOfHeapIs503AndTheServerGoesOn(@TempDir Path dir) throws Exception {
        byte[] huge = ImageBombs.flatPng(8000, 6000); // 48 MP: 192 MB to decode, in a 320 MB heap
        byte[] photo = Files.readAllBytes(CliRun.validationPhoto("38.jpg"));
        try (Served s = serve(dir, List.of("-Xmx320m"))) {
            // The defaults came from the heap, and the start warned that the worst case does not fit.
            assertTrue(s.log().contains("(1 workers, queue 0"), s.log());
            assertTrue(s.log().contains("cannot hold the worst case"), s.log());
            URI detect = s.uri().resolve("api/v1/detect");
            HttpResponse<String> r = post(detect, "image/png", huge);
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
            assertTrue(r.body().contains("memory"), r.body());
            assertEquals(200, post(detect, "image/jpeg", photo).statusCode(), s.log());
            assertEquals(200, client.send(HttpRequest.newBuilder(s.uri().resolve("health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void detectReportsABombAsOneErrorLineAndGoesOn(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("a-scans.jpg"), ImageBombs.progressiveScanBomb(1000, 1000, 300));
        Files.write(in.resolve("b-comment.png"), ImageBombs.pngMetadataBomb("zTXt", 256L << 20));
        Files.copy(CliRun.validationPhoto("38.jpg"), in.resolve("c-photo.jpg"));
        CliRun r = CliRun.of("detect", in.toString(), "--json", "-");
        assertEquals(1, r.exitCode(), r.toString());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), r.toString());
        assertTrue(errors.get(0).contains("a-scans.jpg: too many JPEG scans"), errors.get(0));
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("c-photo.jpg") && l.contains("\"label\"")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("b-comment.png") && l.contains("\"width\":64")), r.out());
    }
}
