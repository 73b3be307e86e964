package io.maskwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.maskwatch.model.ModelStatus.State;
import io.maskwatch.model.ModelStoreConfig.ModelDir;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model store against a real HTTP server on loopback serving a real model file (a copy of the
 * shared YuNet-640 model in a temporary "remote" folder).
 */
class ModelStoreTest {

    static final String ID = "yunet-640";
    static final Path SHARED = SharedFolder.require();

    @TempDir
    Path tmp;

    HttpServer server;
    final java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newCachedThreadPool();
    Path remote;
    Path cache;
    byte[] model;
    final AtomicInteger requests = new AtomicInteger();
    final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Path source = SHARED.resolve("models/yunet/yunet_n_640_640.onnx");
        assertTrue(Files.isRegularFile(source), "shared model missing: " + source);
        remote = Files.createDirectories(tmp.resolve("remote"));
        Files.copy(source, remote.resolve("good.onnx"));
        model = Files.readAllBytes(source);
        byte[] flipped = model.clone();
        flipped[flipped.length / 2] ^= 0x5a;
        Files.write(remote.resolve("flipped.onnx"), flipped);
        cache = tmp.resolve("cache");

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() {
        handlers.shutdownNow(); // wakes a handler that is stalling on purpose
        server.stop(0);
    }

    /** /good.onnx, /flipped.onnx: whole files; /dropped.onnx: the headers promise the whole file, half comes. */
    private void serve(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String name = ex.getRequestURI().getPath().substring(1);
        if (name.equals("stalled.onnx")) {
            ex.sendResponseHeaders(200, model.length);
            OutputStream out = ex.getResponseBody();
            out.write(model, 0, model.length / 3);
            out.flush();
            try {
                Thread.sleep(20_000); // neither sends nor closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        if (name.equals("dropped.onnx")) {
            ex.sendResponseHeaders(200, model.length);
            OutputStream out = ex.getResponseBody();
            out.write(model, 0, model.length / 2);
            out.flush();
            ex.close(); // fewer bytes than announced: the server drops the connection
            return;
        }
        Path file = remote.resolve(name);
        if (!Files.isRegularFile(file)) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    /** A store whose only folders are {@code dirs} and the temporary cache, with yunet-640's URL on the local server. */
    private ModelStore store(String remoteName, boolean offline, Path... dirs) {
        ModelManifest manifest = ModelManifest.builtIn();
        manifest = manifest.with(manifest.get(ID).withUrl(url(remoteName)));
        List<ModelDir> path = Stream.of(dirs).map(d -> new ModelDir(d, "test")).toList();
        return new ModelStore(new ModelStoreConfig(path, cache, offline, manifest, log::add, Duration.ofSeconds(5)));
    }

    private List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".checksums.properties")).toList();
        }
    }

    @Test
    void fetchesAMissingModelVerifiesItAndKeepsIt() throws IOException {
        ModelStore store = store("good.onnx", false);
        assertEquals(State.MISSING, store.status(ID).state());

        Path got = store.resolve(ID);

        assertEquals(cache.resolve("yunet/yunet_n_640_640.onnx"), got);
        assertEquals(ModelManifest.builtIn().get(ID).sha256().orElseThrow(), Checksums.compute(got));
        assertEquals(List.of(got), filesUnder(cache), "only the model itself, no temporary file");
        assertTrue(log.stream().anyMatch(l -> l.contains("fetching model " + ID)), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("verified")), log.toString());
        assertEquals(1, requests.get());

        // Found in the cache from now on: no second download, status verified.
        assertEquals(got, store.resolve(ID));
        assertEquals(State.VERIFIED, store.status(ID).state());
        assertEquals(1, requests.get());
    }

    @Test
    void wrongChecksumLeavesNoFile() throws IOException {
        ModelStore store = store("flipped.onnx", false);

        ModelException e = assertThrows(ModelException.class, () -> store.resolve(ID));

        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(url("flipped.onnx").toString()), e.getMessage());
        assertEquals(List.of(), filesUnder(cache));
        assertEquals(State.MISSING, store.status(ID).state());
    }

    @Test
    void droppedConnectionLeavesNoFile() throws IOException {
        ModelStore store = store("dropped.onnx", false);

        ModelException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ModelException.class, () -> store.resolve(ID)));

        assertTrue(e.getMessage().contains("download of model " + ID), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was saved"), e.getMessage());
        assertEquals(List.of(), filesUnder(cache));
    }

    @Test
    void stalledServerTimesOutAndLeavesNoFile() throws IOException {
        ModelManifest manifest = ModelManifest.builtIn();
        manifest = manifest.with(manifest.get(ID).withUrl(url("stalled.onnx")));
        ModelStore store = new ModelStore(new ModelStoreConfig(List.of(), cache, false, manifest, log::add, Duration.ofSeconds(1)));

        long t0 = System.nanoTime();
        ModelException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(ModelException.class, () -> store.resolve(ID)));

        assertTrue(e.getMessage().contains("no data for 1 s after " + model.length / 3 + " of " + model.length + " bytes"),
                e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "gave up in time");
        assertEquals(List.of(), filesUnder(cache));
    }

    @Test
    void aFailedDownloadDoesNotReplaceAGoodFile() throws IOException {
        // A good copy in the cache survives a forced re-download that breaks.
        ModelStore good = store("good.onnx", false);
        Path got = good.resolve(ID);
        ModelStore broken = store("dropped.onnx", false);

        assertThrows(ModelException.class, () -> broken.fetch(ID, true));

        assertEquals(List.of(got), filesUnder(cache));
        assertEquals(State.VERIFIED, broken.status(ID).state());
    }

    @Test
    void httpErrorIsReported() {
        ModelStore store = store("nothing-here.onnx", false);
        ModelException e = assertThrows(ModelException.class, () -> store.resolve(ID));
        assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
    }

    @Test
    void offlineRefusesToFetchAndSaysWhereItLookedAndHowToGetIt() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ModelStore store = store("good.onnx", true, empty);

        ModelException e = assertThrows(ModelException.class, () -> store.resolve(ID));

        String m = e.getMessage();
        assertTrue(m.contains("was not found"), m);
        assertTrue(m.contains(empty.resolve("yunet/yunet_n_640_640.onnx").toString()), m);
        assertTrue(m.contains(cache.resolve("yunet/yunet_n_640_640.onnx").toString()), m);
        assertTrue(m.contains("offline"), m);
        assertTrue(m.contains("maskwatch models fetch " + ID), m);
        assertTrue(m.contains(url("good.onnx").toString()), m);
        assertEquals(0, requests.get());

        ModelException f = assertThrows(ModelException.class, () -> store.fetch(ID, false));
        assertTrue(f.getMessage().contains("offline"), f.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void corruptLocalFileIsDetectedAndSkipped() throws IOException {
        Path dir = tmp.resolve("models");
        Path local = dir.resolve("yunet/yunet_n_640_640.onnx");
        Files.createDirectories(local.getParent());
        Files.write(local, model);

        ModelStore offline = store("good.onnx", true, dir);
        assertEquals(local, offline.resolve(ID));
        assertEquals(State.VERIFIED, offline.status(ID).state());

        // Damage it after it was verified (and its checksum remembered): same size, one byte changed.
        byte[] damaged = model.clone();
        damaged[1000] ^= 1;
        Files.write(local, damaged);

        ModelStatus status = offline.status(ID);
        assertEquals(State.CORRUPT, status.state());
        assertTrue(status.detail().contains("expected " + ModelManifest.builtIn().get(ID).sha256().orElseThrow()), status.detail());
        ModelException e = assertThrows(ModelException.class, () -> offline.resolve(ID));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertTrue(e.getMessage().contains(local.toString()), e.getMessage());
        assertTrue(log.stream().anyMatch(l -> l.contains("damaged")), log.toString());

        // Online, the damaged copy is skipped and a good one fetched into the cache.
        Path fresh = store("good.onnx", false, dir).resolve(ID);
        assertEquals(cache.resolve("yunet/yunet_n_640_640.onnx"), fresh);
        assertEquals(model.length, Files.size(fresh));

        // A truncated copy is caught by its size before hashing.
        Files.write(local, new byte[100]);
        assertTrue(offline.status(ID).probes().get(0).result().contains("size 100 bytes"));
    }

    @Test
    void firstGoodCopyOnThePathWins() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path d : List.of(a, b)) {
            Files.createDirectories(d.resolve("yunet"));
            Files.write(d.resolve("yunet/yunet_n_640_640.onnx"), model);
        }
        assertEquals(a.resolve("yunet/yunet_n_640_640.onnx"), store("good.onnx", true, a, b).resolve(ID));
        assertEquals(b.resolve("yunet/yunet_n_640_640.onnx"), store("good.onnx", true, b, a).resolve(ID));
    }

    @Test
    void projectBuiltModelIsCheckedAgainstItsSidecar() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        ModelStore store = store("good.onnx", true, dir);
        String id = "mask-classifier";
        Path file = dir.resolve(ModelManifest.builtIn().get(id).file());
        Files.write(file, model);

        assertEquals(State.UNCHECKED, store.status(id).state(), "no .sha256 beside it: usable, not verified");
        assertEquals(file, store.resolve(id));

        Checksums.writeSidecar(file);
        assertEquals(State.VERIFIED, store.status(id).state());

        Files.write(file, new byte[] {1, 2, 3});
        assertEquals(State.CORRUPT, store.status(id).state());
        ModelException e = assertThrows(ModelException.class, () -> store.resolve(id));
        assertTrue(e.getMessage().contains("comes with the project"), e.getMessage());

        ModelException f = assertThrows(ModelException.class, () -> store.fetch(id, false));
        assertTrue(f.getMessage().contains("no download URL"), f.getMessage());
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        ModelException e = assertThrows(ModelException.class, () -> store("good.onnx", true).resolve("nope"));
        assertTrue(e.getMessage().contains("unknown model id 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("retinaface-mnet025"), e.getMessage());
    }

    @Test
    void checksumCacheAvoidsRehashingAndNoticesChanges() throws IOException {
        Path f = tmp.resolve("f.bin");
        Files.write(f, model);
        Path cacheFile = tmp.resolve("sums.properties");
        String first = new Checksums(java.util.Optional.of(cacheFile)).sha256(f);
        assertTrue(Files.readString(cacheFile).contains(first));
        // A fresh instance (a new process) takes the remembered value: prove it by planting a fake one.
        String text = Files.readString(cacheFile).replace(first, "0".repeat(64));
        Files.writeString(cacheFile, text);
        assertEquals("0".repeat(64), new Checksums(java.util.Optional.of(cacheFile)).sha256(f));
        // Touching the file invalidates the entry.
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(12345));
        assertEquals(first, new Checksums(java.util.Optional.of(cacheFile)).sha256(f));
        assertFalse(Files.readString(cacheFile).contains("0".repeat(64)));
    }
}
