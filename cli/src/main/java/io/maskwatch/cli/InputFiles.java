package io.maskwatch.cli;

import io.maskwatch.image.ImageFileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the INPUT arguments of a batch command into the list of images to process: files as given,
 * folders walked recursively (image extensions only, hidden files skipped, sorted), each with the
 * path its annotated copy gets under the output folder (folder structure kept, names made unique).
 */
public final class InputFiles {

    /** Extensions looked for inside folders; files named explicitly are always tried. */
    static final List<String> IMAGE_EXTENSIONS = Stream.concat(ImageFileNames.DECODED.stream(),
            ImageFileNames.UNSUPPORTED.stream()).toList();

    /**
     * One input. {@code problem} is set (and the image is not processed) for a path that does not
     * exist or a folder without images.
     */
    record Input(String name, Path path, Path output, String problem, byte[] data) {
        Input(String name, Path path, Path output, String problem) {
            this(name, path, output, problem, null);
        }

        boolean ok() {
            return problem == null;
        }

        /** The image read from standard input ({@code -}); {@code path} is null. */
        boolean stdin() {
            return data != null;
        }
    }

    /** The argument that means standard input. */
    static final String STDIN = "-";

    private InputFiles() {
    }

    /**
     * Expands the arguments. {@code skip} (the output folder, may be null) is never walked, so a
     * second run does not pick up the annotated images of the first.
     */
    static List<Input> expand(List<String> args, Path skip) {
        return expand(args, skip, null);
    }

    /** As above; {@code stdin} holds the bytes read from standard input when an argument is {@code -}. */
    static List<Input> expand(List<String> args, Path skip, byte[] stdin) {
        Path skipAbs = skip == null ? null : skip.toAbsolutePath().normalize();
        List<Input> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String arg : args) {
            if (arg.equals(STDIN) && stdin != null) {
                out.add(new Input(arg, null, unique(Path.of("stdin.png"), taken), null, stdin));
                continue;
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                List<Path> images = walk(p, skipAbs);
                if (images.isEmpty()) {
                    out.add(new Input(arg, p, null, "no images in this folder (looked for ." + String.join(", .", IMAGE_EXTENSIONS) + ")"));
                }
                for (Path f : images) {
                    Path rel = p.relativize(f);
                    out.add(new Input(p.resolve(rel).toString(), f, unique(outputName(rel), taken), null));
                }
            } else if (Files.exists(p)) {
                Path name = p.getFileName() == null ? Path.of("image") : p.getFileName();
                out.add(new Input(arg, p, unique(outputName(name), taken), null));
            } else {
                out.add(new Input(arg, p, null, "no such file or folder"));
            }
        }
        return out;
    }

    static boolean isImageName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The annotated image's relative path: the same name where we can write the format (JPEG, PNG, BMP); other
     * formats (WebP, GIF, TIFF, ...) become PNG with ".png" added to the whole name ({@code y.gif} → {@code
     * y.gif.png}), so that {@code y.gif} and {@code y.png} never compete for one name.
     */
    public static Path outputName(Path rel) {
        String n = rel.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String ext = dot > 0 ? n.substring(dot + 1) : "";
        String lower = ext.toLowerCase(Locale.ROOT);
        String newName = switch (lower) {
            case "jpg", "jpeg", "jpe", "jfif", "png", "bmp" -> n;
            default -> n + ".png";
        };
        return rel.resolveSibling(newName);
    }

    /** The image format ImageIO writes for an output name (its extension). */
    public static String formatOf(Path output) {
        String n = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) return "png";
        if (n.endsWith(".bmp")) return "bmp";
        return "jpeg";
    }

    private static Path unique(Path rel, Set<String> taken) {
        Path candidate = rel;
        String n = rel.getFileName().toString();
        int dot = n.lastIndexOf('.');
        for (int i = 2; !taken.add(candidate.toString().toLowerCase(Locale.ROOT)); i++) {
            candidate = rel.resolveSibling(dot > 0 ? n.substring(0, dot) + "-" + i + n.substring(dot) : n + "-" + i);
        }
        return candidate;
    }

    private static List<Path> walk(Path dir, Path skipAbs) {
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(f -> !hidden(dir, f))
                    .filter(f -> skipAbs == null || !f.toAbsolutePath().normalize().startsWith(skipAbs))
                    .filter(Files::isRegularFile)
                    .filter(InputFiles::isImageName)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException(dir + ": cannot list folder (" + e.getMessage() + ")",
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    private static boolean hidden(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
