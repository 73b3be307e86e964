package io.maskwatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The list of models maskwatch knows: {@code models/manifest.json} in the repository. The build also
 * copies it into the core jar ({@value #RESOURCE}), so an installed jar knows its models without a
 * checkout; {@link #load(Optional)} prefers the checkout's file (the one a developer edits).
 */
public final class ModelManifest {

    /** Class-path copy of models/manifest.json, packaged by core/pom.xml. */
    public static final String RESOURCE = "io/maskwatch/model/manifest.json";

    private final Map<String, ModelEntry> entries;
    private final String origin;

    public ModelManifest(List<ModelEntry> models, String origin) {
        Map<String, ModelEntry> m = new LinkedHashMap<>();
        for (ModelEntry e : models) {
            if (m.put(e.id(), e) != null) {
                throw new IllegalArgumentException(origin + ": model id '" + e.id() + "' listed twice");
            }
        }
        this.entries = java.util.Collections.unmodifiableMap(m);
        this.origin = origin;
    }

    /** The checkout's models/manifest.json under {@code projectRoot} when present, else the class-path copy. */
    public static ModelManifest load(Optional<Path> projectRoot) {
        if (projectRoot.isPresent()) {
            Path file = projectRoot.get().resolve("models").resolve("manifest.json");
            if (Files.isRegularFile(file)) {
                return read(file);
            }
        }
        return builtIn();
    }

    /** The manifest packaged in the jar. */
    public static ModelManifest builtIn() {
        try (InputStream in = ModelManifest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelException("model manifest " + RESOURCE + " is missing from the class path (broken build?)");
            }
            return parse(in, "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new ModelException("cannot read model manifest " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static ModelManifest read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new ModelException("cannot read model manifest " + file + ": " + e.getMessage(), e);
        }
    }

    static ModelManifest parse(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new ModelException(origin + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isObject()) {
            throw new ModelException(origin + ": no \"models\" object");
        }
        List<ModelEntry> list = new java.util.ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode n = f.getValue();
            try {
                list.add(new ModelEntry(f.getKey(),
                        text(n, "file").orElseThrow(() -> new IllegalArgumentException("model '" + f.getKey() + "': no \"file\"")),
                        text(n, "sha256"),
                        n.hasNonNull("size") ? OptionalLong.of(n.get("size").asLong()) : OptionalLong.empty(),
                        text(n, "licence").orElse(null),
                        text(n, "url").map(URI::create),
                        text(n, "source").orElse(null),
                        text(n, "description").orElse(null)));
            } catch (IllegalArgumentException e) {
                throw new ModelException(origin + ": " + e.getMessage(), e);
            }
        }
        return new ModelManifest(list, origin);
    }

    private static Optional<String> text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    /** The entry for {@code id}, or a ModelException naming the known ids. */
    public ModelEntry get(String id) {
        ModelEntry e = entries.get(id);
        if (e == null) {
            throw new ModelException("unknown model id '" + id + "'; known models: " + String.join(", ", entries.keySet())
                    + " (manifest " + origin + ")");
        }
        return e;
    }

    public Optional<ModelEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public List<ModelEntry> entries() {
        return List.copyOf(entries.values());
    }

    public List<String> ids() {
        return List.copyOf(entries.keySet());
    }

    /** Where this manifest was read from. */
    public String origin() {
        return origin;
    }

    /** A copy with one entry replaced (tests, mirrors). */
    public ModelManifest with(ModelEntry entry) {
        Map<String, ModelEntry> m = new LinkedHashMap<>(entries);
        m.put(entry.id(), entry);
        return new ModelManifest(List.copyOf(m.values()), origin);
    }
}
