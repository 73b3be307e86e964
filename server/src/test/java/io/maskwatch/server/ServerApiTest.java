package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskwatch.image.ImageLoader;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.FaceResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The success paths of the API against the real server and the real pipeline, compared with a direct run. */
class ServerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MaskwatchServer server;
    private static HttpClient client;
    private static byte[] photo;
    private static Detection direct;

    @BeforeAll
    static void start() throws Exception {
        server = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline());
        client = Fixtures.client();
        photo = Fixtures.bytes(Fixtures.GROUP_PHOTO);
        direct = Fixtures.pipeline().detect("38.jpg", ImageLoader.read(Fixtures.GROUP_PHOTO));
        assertTrue(direct.faces().size() >= 3, "the group photo should have several faces: " + direct);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private URI detect(String query) {
        return server.uri().resolve("api/v1/detect" + (query == null ? "" : "?" + query));
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        for (String path : new String[] {"/health", "/openapi.json", "/metrics", "/"}) {
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
            assertTrue(head.headers().firstValue("X-Request-Id").isPresent(), path);
            assertEquals("", head.body(), path);
        }
    }

    @Test
    void healthIsReadyOnceModelsAreLoaded() throws Exception {
        HttpResponse<String> r = Fixtures.get(client, server.uri().resolve("health"));
        assertEquals(200, r.statusCode());
        JsonNode h = JSON.readTree(r.body());
        assertEquals("ready", h.get("status").asText());
        assertEquals(Fixtures.pipeline().detector().name(), h.get("detector").asText());
        assertFalse(h.get("api_key_required").asBoolean());
    }

    @Test
    void rawJpegBodyGivesTheSameFacesAsDetect() throws Exception {
        HttpResponse<String> r = Fixtures.post(client, detect(null), "image/jpeg", photo);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
        JsonNode j = JSON.readTree(r.body());
        assertSameAsDirect(j);
        assertTrue(j.get("error").isNull());
        assertTrue(j.get("elapsed_ms").asLong() >= 0);
        assertFalse(j.has("annotated_image"), "annotated_image only when asked for");
    }

    @Test
    void multipartFieldImage() throws Exception {
        String boundary = "----maskwatch" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"38.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(photo);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = Fixtures.post(client, detect(null),
                "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = JSON.readTree(r.body());
        assertSameAsDirect(j);
        assertEquals("38.jpg", j.get("image").asText());
    }

    @Test
    void referenceBase64JsonForm() throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("image", Base64.getEncoder().encodeToString(photo), "type", "jpg"));
        HttpResponse<String> r = Fixtures.post(client, detect(null), "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
        assertSameAsDirect(JSON.readTree(r.body()));
    }

    @Test
    void annotatedTrueAddsABase64PngOfTheSameSize() throws Exception {
        HttpResponse<String> r = Fixtures.post(client, detect("annotated=true"), "image/jpeg", photo);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = JSON.readTree(r.body());
        assertSameAsDirect(j);
        byte[] png = Base64.getDecoder().decode(j.get("annotated_image").asText());
        assertPngOfPhotoSize(png);
    }

    @Test
    void acceptImagePngReturnsTheAnnotatedImage() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(detect(null)).header("Content-Type", "image/jpeg")
                .header("Accept", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
        HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(direct.faces().size(), Integer.parseInt(r.headers().firstValue("X-Faces").orElseThrow()));
        assertEquals(direct.unmaskedCount(),
                Long.parseLong(r.headers().firstValue("X-Unmasked-Faces").orElseThrow()));
        assertPngOfPhotoSize(r.body());
    }

    @Test
    void octetStreamAndPngInputsWork() throws Exception {
        // A PNG re-encoding of the photo, sent as application/octet-stream: decoding goes by content, not header.
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(ImageLoader.read(Fixtures.GROUP_PHOTO), "png", png);
        HttpResponse<String> r = Fixtures.post(client, detect(null), "application/octet-stream", png.toByteArray());
        assertEquals(200, r.statusCode(), r.body());
        assertSameAsDirect(JSON.readTree(r.body()));
    }

    @Test
    void requestIdIsEchoedWhenSafe() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(server.uri().resolve("health")).header("X-Request-Id", "gate-7.42")
                .GET().build();
        assertEquals("gate-7.42", client.send(req, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("X-Request-Id").orElse(""));
        HttpRequest evil = HttpRequest.newBuilder(server.uri().resolve("health"))
                .header("X-Request-Id", "a b<script>").GET().build();
        String rid = client.send(evil, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("X-Request-Id").orElse("");
        assertTrue(rid.matches("[0-9a-f]+"), rid);
    }

    @Test
    void pageAndOpenApiAreServed() throws Exception {
        HttpResponse<String> page = Fixtures.get(client, server.uri());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("id=\"file\""));
        assertFalse(page.body().matches("(?s).*<script[^>]+src=.*"), "no external scripts");
        assertFalse(page.body().matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/.*"), "no external URLs");
        HttpResponse<String> api = Fixtures.get(client, server.uri().resolve("openapi.json"));
        assertEquals(200, api.statusCode());
        assertTrue(JSON.readTree(api.body()).get("openapi").asText().startsWith("3."));
    }

    @Test
    void logHasOneLinePerRequestWithIdSizeTimingAndCountsOnly() throws Exception {
        java.io.PrintStream old = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            HttpRequest req = HttpRequest.newBuilder(detect("annotated=true")).header("Content-Type", "image/jpeg")
                    .header("X-Request-Id", "log-check-1").POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
            assertEquals(200, client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
            Thread.sleep(200); // the request log is written after the response
        } finally {
            System.setErr(old);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        java.util.List<String> lines = log.lines().filter(l -> l.contains("log-check-1")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).matches(".*rid=log-check-1 POST /api/v1/detect status=200 bytes=" + photo.length
                + " ms=\\d+\\.\\d faces=" + direct.faces().size() + " unmasked=" + direct.unmaskedCount()), lines.get(0));
        // Nothing else: no image bytes, base64 or file names (every captured line is short).
        assertTrue(log.lines().allMatch(l -> l.length() < 300), log);
        assertFalse(log.contains(Base64.getEncoder().encodeToString(Arrays.copyOf(photo, 30))), "image data logged");
    }

    /** Same image size and the same faces (boxes, scores, labels) as the pipeline run directly on the file. */
    private static void assertSameAsDirect(JsonNode j) {
        assertEquals(direct.width(), j.get("width").asInt());
        assertEquals(direct.height(), j.get("height").asInt());
        JsonNode faces = j.get("faces");
        assertEquals(direct.faces().size(), faces.size(), j.toString());
        for (int i = 0; i < faces.size(); i++) {
            FaceResult f = direct.faces().get(i);
            JsonNode g = faces.get(i);
            assertArrayEquals(new double[] {f.box().x1(), f.box().y1(), f.box().x2(), f.box().y2()},
                    new double[] {g.get("x1").asDouble(), g.get("y1").asDouble(), g.get("x2").asDouble(),
                        g.get("y2").asDouble()}, 0.51, "face " + i);
            assertEquals(f.score(), g.get("score").asDouble(), 1e-3);
            assertEquals(f.maskProbability(), g.get("mask_probability").asDouble(), 1e-3);
            assertEquals(f.label().json(), g.get("label").asText());
            assertEquals(5, g.get("landmarks").size());
        }
    }

    private static void assertPngOfPhotoSize(byte[] png) throws IOException {
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img);
        assertEquals(direct.width(), img.getWidth());
        assertEquals(direct.height(), img.getHeight());
        // The annotation drew something: the PNG differs from the plain photo somewhere.
        BufferedImage plain = ImageLoader.read(Fixtures.GROUP_PHOTO);
        int[] a = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        int[] b = plain.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        assertFalse(Arrays.equals(a, b), "annotated image equals the input");
    }

}
