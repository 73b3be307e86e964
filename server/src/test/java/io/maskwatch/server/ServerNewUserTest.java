package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a new user met trying the server (issue 9), against the real server and pipeline. */
class ServerNewUserTest {

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
}
