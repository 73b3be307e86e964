package io.maskwatch.model;

import io.maskwatch.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Downloads one model file: into a temporary file in the target's folder, checked against the
 * expected size and SHA-256, then moved onto the target in one step. A failed or wrong download
 * leaves nothing behind, and an existing target is only replaced by a verified file.
 */
final class ModelFetcher {

    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    /** Watches downloads for stalls; a daemon thread, so it never keeps the JVM alive. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maskwatch-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http;
    private final Consumer<String> log;
    private final Duration timeout;

    /** @param timeout how long to wait for a connection, for the response headers, and between two pieces of the body */
    ModelFetcher(Duration timeout, Consumer<String> log) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.log = log;
        this.timeout = timeout;
    }

    /** Fetches {@code url} to {@code target}; throws ModelException (and leaves no file) on any failure. */
    void fetch(String id, URI url, String sha256, OptionalLong size, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            log.accept("maskwatch: fetching model " + id + " from " + url
                    + (size.isPresent() ? " (" + mb(size.getAsLong()) + ")" : "") + " into " + target);
            HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(timeout)
                    .header("User-Agent", "maskwatch-model-store").build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ModelException(failure(id, url, "HTTP status " + response.statusCode()));
                }
                OptionalLong announced = response.headers().firstValueAsLong("Content-Length");
                if (size.isPresent() && announced.isPresent() && announced.getAsLong() != size.getAsLong()) {
                    throw new ModelException(failure(id, url, "the server sends " + announced.getAsLong()
                            + " bytes, the manifest expects " + size.getAsLong()));
                }
                long expected = size.isPresent() ? size.getAsLong() : announced.orElse(-1);
                String got = copy(id, in, tmp, expected, url);
                if (!got.equals(sha256)) {
                    throw new ModelException(failure(id, url, "checksum mismatch: got sha256 " + got
                            + ", expected " + sha256 + "; the file was discarded"));
                }
            }
            AtomicFiles.move(tmp, target);
            log.accept("maskwatch: model " + id + " verified (sha256 " + sha256.substring(0, 12) + "...) and saved to " + target);
        } catch (IOException e) {
            throw new ModelException(failure(id, url, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(failure(id, url, "interrupted"), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a leftover .part file is hidden and never used as a model
                }
            }
        }
    }

    /** Streams the body to {@code tmp}, hashing as it goes; returns the hex SHA-256. */
    private String copy(String id, InputStream in, Path tmp, long expected, URI url) throws IOException {
        MessageDigest md = Checksums.newDigest();
        byte[] buf = new byte[1 << 16];
        long received = 0;
        long lastReport = System.nanoTime();
        // A server that stops sending without closing would block read() for ever: close the stream then.
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long period = Math.max(50, timeout.toMillis() / 4);
        ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastData.get() > timeout.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reader sees the stall flag either way
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int n; (n = readOrStall(in, buf, id, url, received, expected, stalled)) > 0; ) {
                lastData.set(System.nanoTime());
                received += n;
                if (expected >= 0 && received > expected) {
                    throw new ModelException(failure(id, url, "the server sent more than the expected " + expected + " bytes"));
                }
                md.update(buf, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    log.accept("maskwatch:   " + id + ": " + mb(received)
                            + (expected > 0 ? " of " + mb(expected) + " (" + (100 * received / expected) + "%)" : ""));
                }
            }
            if (stalled.get()) {
                throw stallFailure(id, url, received, expected, null);
            }
            if (expected >= 0 && received != expected) {
                throw new ModelException(failure(id, url, "connection ended after " + received + " of " + expected
                        + " bytes; nothing was saved"));
            }
            out.force(true);
        } finally {
            watch.cancel(false);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** One read from the connection; a broken or stalled connection becomes a message with the byte count. */
    private int readOrStall(InputStream in, byte[] buf, String id, URI url, long received, long expected,
                            AtomicBoolean stalled) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            if (stalled.get()) {
                throw stallFailure(id, url, received, expected, e);
            }
            throw new ModelException(failure(id, url, "connection broke after " + received
                    + (expected >= 0 ? " of " + expected : "") + " bytes (" + e.getMessage() + "); nothing was saved"), e);
        }
    }

    private ModelException stallFailure(String id, URI url, long received, long expected, IOException cause) {
        return new ModelException(failure(id, url, "no data for " + timeout.toSeconds() + " s after " + received
                + (expected >= 0 ? " of " + expected : "") + " bytes; nothing was saved"), cause);
    }

    private static String failure(String id, URI url, String reason) {
        return "download of model " + id + " from " + url + " failed: " + reason;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
