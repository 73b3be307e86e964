package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a new user met trying the server (issue 9), against the real server and pipeline. */
class ServerNewUserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MaskwatchServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline());
        client = Fixtures.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void metricsSayReadyOneAfterTheCollectorRan() throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc(); // the gauge's supplier used to be weakly held and collected: NaN
            Thread.sleep(50);
        }
        HttpResponse<String> r = Fixtures.get(client, server.uri().resolve("metrics"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().lines().anyMatch(l -> l.matches("maskwatch_ready 1(\\.0)?")), r.body());
    }

    @Test
    void generatedRequestIdsHaveOneLength() throws Exception {
        java.util.Set<Integer> lengths = new java.util.TreeSet<>();
        for (int i = 0; i < 64; i++) { // with 12 random hex digits about one id in 16 came out shorter
            String rid = Fixtures.get(client, server.uri().resolve("health")).headers().firstValue("X-Request-Id")
                    .orElse("");
            assertTrue(rid.matches("[0-9a-f]{16}"), rid);
            lengths.add(rid.length());
        }
        assertEquals(java.util.Set.of(16), lengths);
    }

    private HttpResponse<String> detect(String query) throws Exception {
        return Fixtures.post(client, server.uri().resolve("api/v1/detect" + (query.isEmpty() ? "" : "?" + query)),
                "image/jpeg", Fixtures.bytes(Fixtures.GROUP_PHOTO));
    }

    @Test
    void unknownOrOutOfRangeParametersAre400() throws Exception {
        for (String q : List.of("threshold=2", "threshold=-0.1", "threshold=abc", "min_face=-1", "min_face=nan",
                "treshold=0.5", "annotated=maybe", "threshold=0.5&threshold=0.6")) {
            HttpResponse<String> r = detect(q);
            assertEquals(400, r.statusCode(), q + " -> " + r.body());
            String error = JSON.readTree(r.body()).get("error").asText();
            String name = q.substring(0, q.indexOf('='));
            assertTrue(error.contains(name), q + " -> " + error);
        }
    }

    @Test
    void thresholdAndMinFaceApplyToOneRequest() throws Exception {
        JsonNode plain = JSON.readTree(detect("").body());
        JsonNode allMasked = JSON.readTree(detect("threshold=0").body());
        JsonNode noneMasked = JSON.readTree(detect("threshold=1").body()); // P(masked) is below 1 for real faces
        assertTrue(plain.get("faces").size() >= 3, plain.toString());
        assertEquals(plain.get("faces").size(), allMasked.get("faces").size());
        for (int i = 0; i < plain.get("faces").size(); i++) {
            JsonNode f = plain.get("faces").get(i);
            assertEquals(f.get("mask_probability").asDouble(),
                    allMasked.get("faces").get(i).get("mask_probability").asDouble(), 1e-6);
            assertEquals("masked", allMasked.get("faces").get(i).get("label").asText());
            // not masked (unless P(masked) is 1 to float precision): incorrect or unmasked, whichever is likelier
            JsonNode none = noneMasked.get("faces").get(i);
            String label = none.get("label").asText();
            JsonNode state = none.get("mask_state");
            double inc = state.get("incorrect").asDouble();
            double unm = state.get("unmasked").asDouble();
            if (label.equals("masked")) {
                assertEquals(1.0, none.get("mask_probability").asDouble(), 1e-6, none.toString());
            } else if (Math.abs(inc - unm) > 1e-3) { // the JSON rounds: near-ties cannot be judged from it
                assertEquals(inc > unm ? "incorrect" : "unmasked", label, none.toString());
            }
        }
        // min_face: only the faces whose size (shorter side) reaches it, the same ones as without it
        double[] sides = new double[plain.get("faces").size()];
        for (int i = 0; i < sides.length; i++) {
            JsonNode f = plain.get("faces").get(i);
            sides[i] = Math.min(f.get("x2").asDouble() - f.get("x1").asDouble(), f.get("y2").asDouble() - f.get("y1").asDouble());
        }
        double[] sorted = java.util.Arrays.stream(sides).sorted().toArray();
        double cut = (sorted[sides.length / 2 - 1] + sorted[sides.length / 2]) / 2; // between two faces, never on one
        long expected = java.util.Arrays.stream(sides).filter(v -> v >= cut).count();
        JsonNode big = JSON.readTree(detect("min_face=" + cut).body());
        assertTrue(expected < sides.length, "the cut should drop some faces");
        assertEquals(expected, big.get("faces").size(), big.toString());
        // the server's own settings are unchanged afterwards
        assertEquals(plain.get("faces").toString(), JSON.readTree(detect("").body()).get("faces").toString());
    }
}
