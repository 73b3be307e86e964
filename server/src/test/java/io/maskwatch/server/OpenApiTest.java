package io.maskwatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document served at /openapi.json matches the routes and the JSON the server gives. */
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    private static MaskwatchServer server;
    private static HttpClient client;
    private static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        server = MaskwatchServer.start(Fixtures.config(), Fixtures.pipeline(), java.util.List.of(Fixtures.GROUP_PHOTO));
        client = Fixtures.client();
        HttpResponse<String> r = Fixtures.get(client, server.uri().resolve("openapi.json"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        doc = JSON.readTree(r.body());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void isAnOpenApi3Document() {
        assertTrue(doc.path("openapi").asText().matches("3\\.\\d+\\.\\d+"), doc.path("openapi").asText());
        assertFalse(doc.path("info").path("title").asText().isEmpty());
        assertFalse(doc.path("info").path("version").asText().isEmpty());
        assertTrue(doc.path("paths").size() > 0);
        for (Iterator<String> ps = doc.get("paths").fieldNames(); ps.hasNext(); ) {
            String path = ps.next();
            for (Iterator<String> ms = doc.get("paths").get(path).fieldNames(); ms.hasNext(); ) {
                String m = ms.next();
                assertTrue(METHODS.contains(m), "not an HTTP method: " + m + " " + path);
                JsonNode op = doc.get("paths").get(path).get(m);
                assertTrue(op.path("responses").size() > 0, "no responses for " + m + " " + path);
                assertFalse(op.path("operationId").asText().isEmpty(), "no operationId for " + m + " " + path);
            }
        }
    }

    @Test
    void documentedRoutesAreExactlyTheServersRoutes() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> ps = doc.get("paths").fieldNames(); ps.hasNext(); ) {
            String path = ps.next();
            for (Iterator<String> ms = doc.get("paths").get(path).fieldNames(); ms.hasNext(); ) {
                documented.add(ms.next().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertEquals(new TreeSet<>(server.routes()), documented);
        // And each documented GET answers (not 404/405) on the running server.
        for (String route : documented) {
            if (route.startsWith("GET ")) {
                String path = route.substring(5);
                // a path parameter takes its documented example
                for (JsonNode p : doc.get("paths").get("/" + path).path("get").path("parameters")) {
                    if (p.path("in").asText().equals("path")) {
                        path = path.replace("{" + p.get("name").asText() + "}", p.get("example").asText());
                    }
                }
                int status = Fixtures.get(client, server.uri().resolve(path)).statusCode();
                assertEquals(200, status, route);
            }
        }
    }

    @Test
    void everyRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
        }
    }

    @Test
    void detectResultSchemaMatchesARealResponse() throws Exception {
        HttpResponse<String> r = Fixtures.post(client, server.uri().resolve("api/v1/detect?annotated=true"),
                "image/jpeg", Fixtures.bytes(Fixtures.GROUP_PHOTO));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        JsonNode schema = doc.at("/components/schemas/DetectResult");
        assertMatches(schema, body, "DetectResult");
        JsonNode faceSchema = doc.at("/components/schemas/Face");
        assertTrue(body.get("faces").size() > 0);
        for (JsonNode face : body.get("faces")) {
            assertMatches(faceSchema, face, "Face");
        }
        assertMatches(doc.at("/components/schemas/Health"),
                JSON.readTree(Fixtures.get(client, server.uri().resolve("health")).body()), "Health");
        HttpResponse<String> bad = Fixtures.post(client, server.uri().resolve("api/v1/detect"), "image/jpeg",
                new byte[] {1, 2, 3});
        assertEquals(400, bad.statusCode());
        assertMatches(doc.at("/components/schemas/Error"), JSON.readTree(bad.body()), "Error");
    }

    /** Required properties present, no undocumented ones, and JSON types as documented. */
    private static void assertMatches(JsonNode schema, JsonNode value, String name) {
        assertFalse(schema.isMissingNode(), "schema " + name);
        for (JsonNode req : schema.path("required")) {
            assertTrue(value.has(req.asText()), name + " lacks required " + req.asText() + ": " + value);
        }
        JsonNode props = schema.get("properties");
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertTrue(props.has(field), name + " has undocumented field " + field);
            JsonNode v = value.get(field);
            String type = props.get(field).path("type").asText("");
            boolean nullable = props.get(field).path("nullable").asBoolean(false);
            if (v.isNull()) {
                assertTrue(nullable, name + "." + field + " is null but not nullable");
                continue;
            }
            switch (type) {
                case "integer" -> assertTrue(v.isIntegralNumber(), name + "." + field + " not an integer");
                case "number" -> assertTrue(v.isNumber(), name + "." + field + " not a number");
                case "string" -> assertTrue(v.isTextual(), name + "." + field + " not a string");
                case "boolean" -> assertTrue(v.isBoolean(), name + "." + field + " not a boolean");
                case "array" -> assertTrue(v.isArray(), name + "." + field + " not an array");
                case "object" -> assertTrue(v.isObject(), name + "." + field + " not an object");
                default -> { }
            }
            JsonNode allowed = props.get(field).get("enum");
            if (allowed != null) {
                boolean found = false;
                for (JsonNode a : allowed) found |= a.asText().equals(v.asText());
                assertTrue(found, name + "." + field + " = " + v + " not in " + allowed);
            }
        }
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) out.add(e.getValue().asText());
                else collectRefs(e.getValue(), out);
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }
}
