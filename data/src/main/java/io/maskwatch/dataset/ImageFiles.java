package io.maskwatch.dataset;

import io.maskwatch.image.ImageFileNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Finding a set's photos and reading their size from the file header (without decoding pixels). */
final class ImageFiles {

    private ImageFiles() {
    }

    static boolean isImage(Path p) {
        return ImageFileNames.isImage(p);
    }

    /** The photos directly in a folder, or none when it does not exist. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list images: " + e.getMessage(), e);
        }
    }

    /** {width, height} from the file header. */
    static int[] size(Path image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in == null) {
                throw new IOException("cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a supported image");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new int[] {r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        }
    }

    /** The file name with another extension, for annotation files that name the photo's original format. */
    static Path findWithAnyExtension(Path dir, String stem) {
        for (String ext : ImageFileNames.DECODED) {
            for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                Path p = dir.resolve(stem + "." + e);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
