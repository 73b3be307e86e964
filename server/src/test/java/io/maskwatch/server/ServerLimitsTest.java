package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every limit and bad input of the API, each against a real running server. */
class ServerLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SMALL_BODY = 1_000_000;
    /** A body the server refuses before reading: short enough to be sent whole before the answer and the close. */
    private static final byte[] SHORT_BODY = "not read".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static MaskwatchServer server;
    private static HttpClient client;
    private static byte[] photo;

    @BeforeAll
    static void start() {
        server = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline());
        client = Fixtures.client();
        photo = Fixtures.bytes(Fixtures.GROUP_PHOTO);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static URI detect(MaskwatchServer s) {
        return s.uri().resolve("api/v1/detect");
    }

    private static String error(HttpResponse<String> r) throws IOException {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.toString());
        JsonNode j = JSON.readTree(r.body());
        assertTrue(j.hasNonNull("error"), r.body());
        return j.get("error").asText();
    }

    @Test
    void bodyOverTheDefaultLimitIs413() throws Exception {
        byte[] big = new byte[(int) ServerConfig.DEFAULT_MAX_BODY_BYTES + 1];
        System.arraycopy(photo, 0, big, 0, photo.length);
        HttpRequest req = HttpRequest.newBuilder(detect(server)).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertTrue(error(r).contains("limit"), r.body());
    }

    @Test
    void bodyOverALimitWithoutContentLengthIs413() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(
                Fixtures.config().withLimits(SMALL_BODY, ServerConfig.DEFAULT_MAX_PIXELS), Fixtures.pipeline())) {
            byte[] big = new byte[(int) SMALL_BODY * 2];
            // A streamed body of unknown length (chunked): the server stops reading at the limit.
            HttpRequest req = HttpRequest.newBuilder(detect(s)).header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                    .build();
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode());
            assertTrue(error(r).contains("limit"));
            // Declared length over the limit, sent in full (no Expect: 100-continue).
            HttpResponse<String> r2 = Fixtures.post(client, detect(s), "image/jpeg", big);
            assertEquals(413, r2.statusCode());
            // The same server still answers a photo under the limit.
            assertEquals(200, Fixtures.post(client, detect(s), "image/jpeg", photo).statusCode());
        }
    }

    @Test
    void multipartOverTheLimitIs413() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(
                Fixtures.config().withLimits(SMALL_BODY, ServerConfig.DEFAULT_MAX_PIXELS), Fixtures.pipeline())) {
            String boundary = "b" + System.nanoTime();
            byte[] body = multipart(boundary, "image", new byte[(int) SMALL_BODY * 2]);
            HttpRequest req = HttpRequest.newBuilder(detect(s))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .build();
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode(), r.body());
        }
    }

    @Test
    void declaredPixelsOverTheLimitAre413BeforeDecoding() throws Exception {
        byte[] bomb = pngHeader(50_000, 50_000); // 2.5 gigapixels declared in 57 bytes
        HttpResponse<String> r = Fixtures.post(client, detect(server), "image/png", bomb);
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(error(r).toLowerCase().contains("pixel"), r.body());
    }

    @Test
    void aRealPhotoOverAConfiguredPixelLimitIs413() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(
                Fixtures.config().withLimits(ServerConfig.DEFAULT_MAX_BODY_BYTES, 100_000), Fixtures.pipeline())) {
            HttpResponse<String> r = Fixtures.post(client, detect(s), "image/jpeg", photo);
            assertEquals(413, r.statusCode(), r.body());
            error(r);
        }
    }

    @Test
    void nonImageCorruptTruncatedAndEmptyAre400() throws Exception {
        HttpResponse<String> text = Fixtures.post(client, detect(server), "text/plain",
                "hello, this is not a photo".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, text.statusCode());
        error(text);

        byte[] corrupt = photo.clone();
        Arrays.fill(corrupt, 20, corrupt.length, (byte) 0x5a); // a JPEG header followed by garbage
        HttpResponse<String> c = Fixtures.post(client, detect(server), "image/jpeg", corrupt);
        assertEquals(400, c.statusCode(), c.body());
        error(c);

        HttpResponse<String> t = Fixtures.post(client, detect(server), "image/jpeg",
                Arrays.copyOf(photo, photo.length / 3));
        assertEquals(400, t.statusCode(), t.body());
        error(t);

        HttpResponse<String> e = Fixtures.post(client, detect(server), "image/jpeg", new byte[0]);
        assertEquals(400, e.statusCode());
        assertTrue(error(e).contains("empty"));
    }

    @Test
    void badJsonAndMultipartFormsAre400() throws Exception {
        HttpResponse<String> notJson = Fixtures.post(client, detect(server), "application/json",
                "{not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.statusCode());
        error(notJson);
        HttpResponse<String> noImage = Fixtures.post(client, detect(server), "application/json",
                "{\"type\": \"jpg\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noImage.statusCode());
        assertTrue(error(noImage).contains("image"));
        HttpResponse<String> badB64 = Fixtures.post(client, detect(server), "application/json",
                "{\"image\": \"***not base64***\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badB64.statusCode());
        assertTrue(error(badB64).contains("base64"));
        String boundary = "b" + System.nanoTime();
        HttpResponse<String> wrongField = Fixtures.post(client, detect(server),
                "multipart/form-data; boundary=" + boundary, multipart(boundary, "photo", photo));
        assertEquals(400, wrongField.statusCode());
        assertTrue(error(wrongField).contains("'image'"));
    }

    @Test
    void wrongMethodIs405AndUnknownPathIs404() throws Exception {
        HttpResponse<String> get = Fixtures.get(client, detect(server));
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertTrue(error(get).contains("allowed: POST"), get.body());
        HttpResponse<String> del = client.send(HttpRequest.newBuilder(server.uri().resolve("health")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, del.statusCode());
        HttpResponse<String> missing = Fixtures.get(client, server.uri().resolve("api/v1/nothing-here"));
        assertEquals(404, missing.statusCode());
        error(missing);
        // a short body: the server refuses before reading it and closes, and a client still sending a photo can lose
        // the answer to that close (a client-side race this test is not about)
        HttpResponse<String> postMissing = Fixtures.post(client, server.uri().resolve("api/v2/detect"), "image/jpeg",
                SHORT_BODY);
        assertEquals(404, postMissing.statusCode());
    }

    @Test
    void apiKeyWhenSet() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config().withApiKey("s3cret-key"), Fixtures.pipeline())) {
            // refused before the body is read, and the connection closed: short bodies, as in wrongMethodIs405AndUnknownPathIs404
            HttpResponse<String> none = Fixtures.post(client, detect(s), "image/jpeg", SHORT_BODY);
            assertEquals(401, none.statusCode());
            assertTrue(error(none).contains("API key"));
            HttpRequest wrong = HttpRequest.newBuilder(detect(s)).header("X-API-Key", "s3cret-kex")
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(SHORT_BODY)).build();
            assertEquals(401, client.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpRequest right = HttpRequest.newBuilder(detect(s)).header("X-API-Key", "s3cret-key")
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
            assertEquals(200, client.send(right, HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpRequest bearer = HttpRequest.newBuilder(detect(s)).header("Authorization", "Bearer s3cret-key")
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
            assertEquals(200, client.send(bearer, HttpResponse.BodyHandlers.ofString()).statusCode());
            // The page, health and metrics stay open (the page asks for the key itself).
            HttpResponse<String> health = Fixtures.get(client, s.uri().resolve("health"));
            assertEquals(200, health.statusCode());
            assertTrue(JSON.readTree(health.body()).get("api_key_required").asBoolean());
            assertEquals(200, Fixtures.get(client, s.uri()).statusCode());
        }
    }

    @Test
    void aClientThatHangsUpMidBodyIsA400NotAServerError() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline())) {
            for (int i = 0; i < 3; i++) {
                try (java.net.Socket sock = new java.net.Socket("127.0.0.1", s.port())) {
                    java.io.OutputStream o = sock.getOutputStream();
                    o.write(("POST /api/v1/detect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
                            + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    o.write(photo, 0, 5000);
                    o.flush();
                    Thread.sleep(100);
                }
            }
            String metrics = "";
            for (int tries = 0; tries < 50 && !metrics.contains("status=\"400\"} 3"); tries++) {
                Thread.sleep(100);
                metrics = Fixtures.get(client, s.uri().resolve("metrics")).body();
            }
            assertTrue(metrics.matches("(?s).*maskwatch_http_requests_seconds_count\\{[^}]*status=\"400\"} 3(\\.0)?\n.*"),
                    metrics);
            assertFalse(metrics.contains("status=\"500\""), "a hang-up is not a server error");
            assertEquals(200, Fixtures.post(client, detect(s), "image/jpeg", photo).statusCode());
        }
    }

    @Test
    void corsOnlyForConfiguredOrigins() throws Exception {
        String origin = "https://gate.example.com";
        HttpRequest.Builder b = HttpRequest.newBuilder(detect(server)).header("Origin", origin)
                .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(photo));
        HttpResponse<String> plain = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertTrue(plain.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS unless configured");
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config().withApiKey("k").withCorsOrigins(List.of(origin)),
                Fixtures.pipeline())) {
            // The browser's preflight carries no key and must pass.
            HttpRequest preflight = HttpRequest.newBuilder(detect(s)).header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,x-api-key")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> pre = client.send(preflight, HttpResponse.BodyHandlers.ofString());
            assertTrue(pre.statusCode() < 300, pre.statusCode() + " " + pre.headers().map());
            assertEquals(origin, pre.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            HttpRequest post = HttpRequest.newBuilder(detect(s)).header("Origin", origin).header("X-API-Key", "k")
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
            HttpResponse<String> r = client.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(origin, r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(r.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("X-Request-Id"));
            HttpRequest other = HttpRequest.newBuilder(detect(s)).header("Origin", "https://evil.example.org")
                    .header("X-API-Key", "k").header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
            assertTrue(client.send(other, HttpResponse.BodyHandlers.ofString()).headers()
                    .firstValue("Access-Control-Allow-Origin").isEmpty(), "other origins get no CORS headers");
        }
    }

    @Test
    void busyWorkersAndFullQueueGive503WithRetryAfter() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config().withWorkers(1, 1), Fixtures.pipeline())) {
            // Six requests at once, each with its whole body: one runs, one waits, the others are refused at once.
            URI annotated = URI.create(detect(s) + "?annotated=true");
            List<CompletableFuture<HttpResponse<String>>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(client.sendAsync(HttpRequest.newBuilder(annotated).header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            int busy = 0;
            for (CompletableFuture<HttpResponse<String>> f : all) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 503) {
                    busy++;
                    assertTrue(Integer.parseInt(r.headers().firstValue("Retry-After").orElse("0")) >= 1);
                    assertTrue(error(r).contains("busy"), r.body());
                } else {
                    assertEquals(200, r.statusCode(), r.body());
                    ok++;
                }
            }
            assertTrue(ok >= 2 && busy >= 1, ok + " answered, " + busy + " refused");
            // Places are given back: the next request is served.
            assertEquals(200, Fixtures.post(client, detect(s), "image/jpeg", photo).statusCode());
            String metrics = Fixtures.get(client, s.uri().resolve("metrics")).body();
            assertTrue(metrics.matches("(?s).*\nmaskwatch_http_requests_seconds_count\\{[^}]*status=\"503\"[^}]*} " + busy + "(\\.0)?\n.*"),
                    metrics);
        }
    }

    @Test
    void notReadyWhileModelsLoad() throws Exception {
        CountDownLatch loaded = new CountDownLatch(1);
        try (MaskwatchServer s = MaskwatchServer.startLoading(Fixtures.config(), () -> {
            loaded.await(30, TimeUnit.SECONDS);
            return Fixtures.openPipeline(); // its own: the server closes what it loaded
        })) {
            HttpResponse<String> health = Fixtures.get(client, s.uri().resolve("health"));
            assertEquals(503, health.statusCode());
            assertEquals("loading", JSON.readTree(health.body()).get("status").asText());
            HttpResponse<String> early = Fixtures.post(client, detect(s), "image/jpeg", photo);
            assertEquals(503, early.statusCode());
            assertTrue(early.headers().firstValue("Retry-After").isPresent());
            loaded.countDown();
            s.awaitReady(java.time.Duration.ofSeconds(30));
            assertEquals(200, Fixtures.get(client, s.uri().resolve("health")).statusCode());
            assertEquals(200, Fixtures.post(client, detect(s), "image/jpeg", photo).statusCode());
        }
    }

    @Test
    void failedModelLoadIsReportedByHealth() throws Exception {
        try (MaskwatchServer s = MaskwatchServer.startLoading(Fixtures.config(), () -> {
            throw new io.maskwatch.model.ModelException("model mask-classifier not found in /nowhere");
        })) {
            try {
                s.awaitReady(java.time.Duration.ofSeconds(10));
            } catch (io.maskwatch.model.ModelException expected) {
                // the loader's own exception
            }
            HttpResponse<String> health = Fixtures.get(client, s.uri().resolve("health"));
            assertEquals(503, health.statusCode());
            JsonNode h = JSON.readTree(health.body());
            assertEquals("failed", h.get("status").asText());
            assertTrue(h.get("error").asText().contains("mask-classifier"));
        }
    }

    @Test
    void uploadsAreNeverWrittenToDisk(@TempDir Path tmp) throws Exception {
        // java.io.tmpdir (where servlet multipart spooling and ImageIO's stream cache would write) points at an
        // empty folder while a 15 MB multipart upload (far over any in-memory threshold a servlet container
        // defaults to), a raw upload with annotated=true and one with Accept: image/png are served: it stays empty.
        String old = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try (MaskwatchServer s = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline())) {
            byte[] padded = Arrays.copyOf(photo, 15_000_000); // a JPEG with trailing bytes still decodes
            String boundary = "b" + System.nanoTime();
            HttpResponse<String> r = Fixtures.post(client, detect(s), "multipart/form-data; boundary=" + boundary,
                    multipart(boundary, "image", padded));
            assertEquals(200, r.statusCode(), r.body());
            HttpResponse<String> annotated = Fixtures.post(client, s.uri().resolve("api/v1/detect?annotated=true"),
                    "image/jpeg", photo);
            assertEquals(200, annotated.statusCode());
            HttpRequest png = HttpRequest.newBuilder(detect(s)).header("Accept", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
            assertEquals(200, client.send(png, HttpResponse.BodyHandlers.discarding()).statusCode());
            try (var files = Files.walk(tmp)) {
                assertEquals(List.of(tmp), files.toList(), "upload or image written to disk");
            }
            // (The JDK caches the temp folder of Files.createTempFile at first use, so for ImageIO's own stream
            // cache the guarantee is this switch, which the server sets.)
            assertFalse(javax.imageio.ImageIO.getUseCache(), "ImageIO would cache streams in temporary files");
        } finally {
            System.setProperty("java.io.tmpdir", old);
        }
    }

    // ---- helpers

    static byte[] multipart(String boundary, String field, byte[] content) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A PNG that declares width × height in its IHDR and holds no pixel data. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeBytes("IHDR");
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
        chunk(d, ihdr.toByteArray());
        chunk(d, "IEND".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream d, byte[] typeAndData) throws IOException {
        d.writeInt(typeAndData.length - 4);
        d.write(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        d.writeInt((int) crc.getValue());
    }

}
