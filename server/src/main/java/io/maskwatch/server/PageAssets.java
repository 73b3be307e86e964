package io.maskwatch.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What the web page needs besides the API: the interactive API page at {@code /docs} (Swagger UI, served from the
 * org.webjars:swagger-ui jar on the class path, so it works without internet) and a few sample photos to try with
 * one click ({@code /samples}), read from files the operator chose; none when none were given.
 */
final class PageAssets {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    /** The Swagger UI files /docs uses; nothing else of the jar is served. */
    private static final Map<String, String> DOCS_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");

    private final ObjectMapper json;
    private final String swaggerVersion;
    private final Map<String, Path> samples = new LinkedHashMap<>();

    PageAssets(ObjectMapper json, List<Path> sampleFiles) {
        this.json = json;
        this.swaggerVersion = swaggerUiVersion();
        for (Path p : sampleFiles) {
            if (Files.isRegularFile(p)) {
                samples.putIfAbsent(p.getFileName().toString(), p);
            }
        }
    }

    /** The version folder inside the webjar, from its Maven metadata. */
    static String swaggerUiVersion() {
        try (InputStream in = PageAssets.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void docsPage(Context ctx) {
        // validatorUrl null: Swagger UI would otherwise send the document to an online validator.
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>maskwatch API</title>
                <link rel="icon" href="docs/favicon-32x32.png">
                <link rel="stylesheet" href="docs/swagger-ui.css">
                </head>
                <body>
                <div id="swagger-ui"></div>
                <script src="docs/swagger-ui-bundle.js"></script>
                <script src="docs/swagger-ui-standalone-preset.js"></script>
                <script>
                window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', validatorUrl: null,
                  deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                  layout: 'BaseLayout' });
                </script>
                </body>
                </html>
                """;
        ctx.contentType("text/html; charset=utf-8").result(html.getBytes(StandardCharsets.UTF_8));
    }

    void docsFile(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = DOCS_FILES.get(file);
        InputStream in = type == null ? null
                : PageAssets.class.getClassLoader().getResourceAsStream(WEBJAR + swaggerVersion + "/" + file);
        if (in == null) {
            throw new ApiException(404, "not found: GET " + ctx.path());
        }
        try (in) {
            ctx.header("Cache-Control", "max-age=86400").contentType(type).result(in.readAllBytes());
        }
    }

    /** {@code [{"name": "38.jpg", "url": "samples/38.jpg"}, ...]}. */
    void sampleList(Context ctx) throws IOException {
        ArrayNode list = json.createArrayNode();
        for (String name : samples.keySet()) {
            list.addObject().put("name", name).put("url", "samples/" + name);
        }
        ctx.contentType("application/json").result(json.writeValueAsBytes(list));
    }

    void sample(Context ctx) throws IOException {
        Path p = samples.get(ctx.pathParam("name")); // only the files listed: no path from the request is opened
        if (p == null) {
            throw new ApiException(404, "no sample named " + ctx.pathParam("name"));
        }
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = n.endsWith(".png") ? "image/png" : n.endsWith(".webp") ? "image/webp" : "image/jpeg";
        ctx.contentType(type).result(Files.readAllBytes(p));
    }
}
