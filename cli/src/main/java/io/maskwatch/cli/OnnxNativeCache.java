package io.maskwatch.cli;

import io.maskwatch.model.ModelStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Keeps ONNX Runtime's native libraries (23 MB on linux-x64) unpacked in the user cache folder
 * ({@code ~/.cache/maskwatch/native/...}) and points ONNX Runtime at them. Without this, every run
 * copies them out of the jar into a temporary folder first, which costs 0.3 to 0.4 s of each short
 * command-line run. Best effort: on any problem ONNX Runtime unpacks as usual; {@code -Dmaskwatch.onnx.cache=false}
 * turns it off.
 */
final class OnnxNativeCache {

    static final String PROPERTY = "onnxruntime.native.path";
    private static final List<String> LIBRARIES = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    private OnnxNativeCache() {
    }

    /** Call before ONNX Runtime is first used. */
    static void use() {
        if (System.getProperty(PROPERTY) != null || "false".equals(System.getProperty("maskwatch.onnx.cache")) || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64" -> "aarch64";
            default -> null;
        };
        if (arch == null) {
            return;
        }
        try {
            String resources = "/ai/onnxruntime/native/linux-" + arch + "/";
            long[] sizes = new long[LIBRARIES.size()];
            for (int i = 0; i < sizes.length; i++) {
                URL url = OnnxNativeCache.class.getResource(resources + LIBRARIES.get(i));
                if (url == null) {
                    return;
                }
                sizes[i] = url.openConnection().getContentLengthLong();
            }
            String version = Package.getPackage("ai.onnxruntime") != null
                    && Package.getPackage("ai.onnxruntime").getImplementationVersion() != null
                    ? Package.getPackage("ai.onnxruntime").getImplementationVersion() : "unknown";
            Path root = ModelStoreConfig.cacheDir(System.getenv(), System.getProperties()).getParent().resolve("native");
            Path dir = root.resolve("onnxruntime-" + version + "-linux-" + arch + "-" + sizes[0]);
            if (!complete(dir, sizes)) {
                unpack(resources, root, dir);
            }
            if (complete(dir, sizes)) {
                System.setProperty(PROPERTY, dir.toString());
            }
        } catch (IOException | RuntimeException e) {
            // ONNX Runtime falls back to unpacking into a temporary folder.
        }
    }

    private static boolean complete(Path dir, long[] sizes) throws IOException {
        for (int i = 0; i < sizes.length; i++) {
            Path f = dir.resolve(LIBRARIES.get(i));
            if (!Files.isRegularFile(f) || (sizes[i] >= 0 && Files.size(f) != sizes[i])) {
                return false;
            }
        }
        return true;
    }

    /** Unpacks into a fresh folder and renames it into place, so a concurrent run never sees half a library. */
    private static void unpack(String resources, Path root, Path dir) throws IOException {
        Files.createDirectories(root);
        Path tmp = Files.createTempDirectory(root, ".unpack-");
        try {
            for (String lib : LIBRARIES) {
                try (InputStream in = OnnxNativeCache.class.getResourceAsStream(resources + lib)) {
                    Files.copy(in, tmp.resolve(lib));
                }
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another run won the race (or the file system cannot rename atomically): use what is there.
            } catch (IOException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                try (Stream<Path> s = Files.list(tmp)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(tmp);
            }
        }
    }
}
