package io.maskwatch.server;

import static io.maskwatch.server.RawHttp.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What slow, hostile or simply unlucky clients did to the server (issue 14), each against a real server: slow
 * uploads, trickling connections without a key, Jetty's own errors, deadlines for bodies and headers, JSON near
 * the body limit, and a graceful stop.
 */
class ServerHardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpClient client;
    private static byte[] photo;

    @BeforeAll
    static void setUp() {
        client = Fixtures.client();
        photo = Fixtures.bytes(Fixtures.GROUP_PHOTO);
    }

    private static URI detect(MaskwatchServer s) {
        return s.uri().resolve("api/v1/detect");
    }

    private static String postHead(int contentLength, String extra) {
        return "POST /api/v1/detect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n" + extra
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** Sockets that send a request head, then a few body bytes at a time, until closed. */
    private static final class Tricklers implements AutoCloseable {
        final List<Socket> sockets = new ArrayList<>();
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trickler");
            t.setDaemon(true);
            return t;
        });

        Tricklers(int port, int n, String head, int bytesPerTick, long tickMillis) throws IOException {
            for (int i = 0; i < n; i++) {
                Socket s = RawHttp.open(port);
                s.getOutputStream().write(ascii(head));
                s.getOutputStream().write(photo, 0, bytesPerTick);
                s.getOutputStream().flush();
                sockets.add(s);
            }
            timer.scheduleAtFixedRate(() -> {
                for (Socket s : sockets) {
                    try {
                        OutputStream o = s.getOutputStream();
                        o.write(photo, 0, bytesPerTick);
                        o.flush();
                    } catch (IOException e) {
                        // answered and closed by the server
                    }
                }
            }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static void assertJsonError(RawHttp.Response r, String what) throws IOException {
        assertTrue(String.valueOf(r.header("Content-Type")).startsWith("application/json"), what + ": " + r);
        assertTrue(r.header("X-Request-Id") != null && !r.header("X-Request-Id").isBlank(), what + ": " + r);
        JsonNode j = JSON.readTree(r.body());
        assertTrue(j.hasNonNull("error") && !j.get("error").asText().isBlank(), what + ": " + r.body());
    }

    @Test
    void slowUploadsDoNotTakeWorkerPlaces() throws Exception {
        // 2 workers + 4 queued: six uploads trickling at 1 KB/s took every place before the body was read.
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline());
             Tricklers slow = new Tricklers(s.port(), 6, postHead(photo.length, ""), 100, 100)) {
            Thread.sleep(500);
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = Fixtures.post(client, detect(s), "image/jpeg", photo);
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(seconds < 5, "took " + seconds + " s while six uploads trickle");
            }
        }
    }

    @Test
    void aBodyMustArriveWithinItsDeadlineAndAtTheMinimumRate() throws Exception {
        // A byte every 200 ms: under a 2 s deadline (no rate), and under a 1000 B/s rate after 1 s of grace.
        ServerConfig.Timeouts deadline = ServerConfig.Timeouts.DEFAULT.withBody(Duration.ofSeconds(2), 0, Duration.ofSeconds(1));
        ServerConfig.Timeouts rate = ServerConfig.Timeouts.DEFAULT.withBody(Duration.ofSeconds(60), 1000, Duration.ofSeconds(1));
        for (ServerConfig.Timeouts t : List.of(deadline, rate)) {
            try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config().withTimeouts(t), Fixtures.pipeline());
                 Tricklers slow = new Tricklers(s.port(), 1, postHead(100_000, ""), 1, 200)) {
                long t0 = System.nanoTime();
                RawHttp.Response r = RawHttp.read(slow.sockets.get(0).getInputStream());
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(408, r.status(), r.toString());
                assertJsonError(r, "slow body");
                assertTrue(r.body().contains("not received in time"), r.body());
                assertTrue(seconds < 4, "answered after " + seconds + " s");
                // The worker places were never taken: the server answers at once.
                assertEquals(200, Fixtures.post(client, detect(s), "image/jpeg", photo).statusCode());
            }
        }
    }

    @Test
    void threeHundredTricklingConnectionsWithoutAKeyDoNotFreezeTheServer() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config().withApiKey("k3y"), Fixtures.pipeline());
             Tricklers t = new Tricklers(s.port(), 300, postHead(10_000_000, ""), 1, 2000)) {
            Thread.sleep(1000);
            for (String path : List.of("health", "metrics", "")) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = Fixtures.get(client, s.uri().resolve(path));
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(200, r.statusCode(), path);
                assertTrue(seconds < 2, "/" + path + " took " + seconds + " s");
            }
            // Each trickler got its 401 at once, and its connection is closed.
            RawHttp.Response r = RawHttp.read(t.sockets.get(0).getInputStream());
            assertEquals(401, r.status());
            assertEquals("close", r.header("Connection"));
            assertJsonError(r, "401");
        }
    }

    @Test
    void jettysOwnErrorsAreTheApisJson() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline())) {
            RawHttp.Response smuggle = RawHttp.exchange(s.port(), ascii(postHead(5, "Transfer-Encoding: chunked\r\n")
                    + "0\r\n\r\n"));
            assertEquals(400, smuggle.status(), smuggle.toString());
            assertJsonError(smuggle, "Content-Length with Transfer-Encoding");

            RawHttp.Response longUri = RawHttp.exchange(s.port(), ascii("GET /" + "a".repeat(100_000)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            assertEquals(414, longUri.status(), longUri.toString());
            assertJsonError(longUri, "414");

            RawHttp.Response bigHeader = RawHttp.exchange(s.port(), ascii("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Big: " + "b".repeat(100_000) + "\r\n\r\n"));
            assertEquals(431, bigHeader.status(), bigHeader.toString());
            assertJsonError(bigHeader, "431");

            RawHttp.Response connect = RawHttp.exchange(s.port(), ascii("CONNECT example.com:443 HTTP/1.1\r\n"
                    + "Host: example.com:443\r\n\r\n"));
            assertTrue(connect.status() >= 400 && connect.status() < 500, connect.toString());
            assertJsonError(connect, "CONNECT");
        }
    }

    @Test
    void headersMustArriveWithinTheirDeadline() throws Exception {
        ServerConfig.Timeouts t = ServerConfig.Timeouts.DEFAULT.withHeaders(Duration.ofSeconds(1));
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config().withTimeouts(t), Fixtures.pipeline());
             Socket sock = RawHttp.open(s.port())) {
            OutputStream o = sock.getOutputStream();
            o.write(ascii("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            long t0 = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) { // a header byte every 200 ms: never idle, never done
                Thread.sleep(200);
                try {
                    o.write('X');
                    o.flush();
                } catch (IOException e) {
                    closed = true;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(closed, "connection still open after " + seconds + " s");
            assertTrue(seconds < 4, "closed after " + seconds + " s");
        }
    }

    @Test
    void base64JsonNearTheBodyLimitIsReadAndItsTypeIsBounded() throws Exception {
        // 16 MB after the photo's end: a 21 MB base64 string, over Jackson's default string limit of 20 MB.
        byte[] padded = java.util.Arrays.copyOf(photo, photo.length + 16_000_000);
        String body = "{\"image\":\"" + Base64.getEncoder().encodeToString(padded) + "\",\"type\":\"" + "j".repeat(5000) + "\"}";
        try (MaskwatchServer s = MaskwatchServer.start(
                Fixtures.config().withLimits(30_000_000, ServerConfig.DEFAULT_MAX_PIXELS), Fixtures.pipeline())) {
            HttpResponse<String> r = Fixtures.post(client, detect(s), "application/json", ascii(body));
            assertEquals(200, r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
            JsonNode j = JSON.readTree(r.body());
            assertTrue(j.get("faces").size() > 0);
            assertEquals("upload.jjjjjjjjjj", j.get("image").asText());
        }
    }

    @Test
    void closingAnswersTheRequestsInFlight() throws Exception {
        MaskwatchServer s = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline());
        URI uri = URI.create(detect(s) + "?annotated=true");
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Fixtures.get(client, s.uri().resolve("metrics")).body().contains("maskwatch_requests_inflight 4")) {
            assertTrue(System.nanoTime() < deadline, "requests never got in flight");
            Thread.sleep(10);
        }
        s.close();
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"faces\""));
        }
        assertTrue(!CompletableFuture.supplyAsync(() -> {
            try (Socket x = new Socket("127.0.0.1", s.port())) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }).get(), "still accepting after close");
    }
}
