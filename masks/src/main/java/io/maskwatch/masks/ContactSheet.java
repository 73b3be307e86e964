package io.maskwatch.masks;

import io.maskwatch.image.ImageEncoder;
import io.maskwatch.csv.CsvFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A PNG grid of randomly chosen generated faces (seeded), each captioned with its template, yaw
 * estimate and colouring, to check by eye that masks cover nose to chin and follow the head.
 */
public final class ContactSheet {

    private ContactSheet() {
    }

    /**
     * @param outDir a generation output folder (manifest.csv + masked/)
     * @return the number of tiles drawn
     */
    public static int write(Path outDir, Path png, int count, long seed, int tile, int columns) throws IOException {
        return write(outDir, png, count, seed, tile, columns, "file_masked");
    }

    /**
     * The same sheet of another crop of each face: {@code fileColumn} is file_masked or file_incorrect
     * (the wrongly worn twin, captioned with its misplacement).
     */
    public static int write(Path outDir, Path png, int count, long seed, int tile, int columns, String fileColumn)
            throws IOException {
        List<CsvFiles.Row> lines = CsvFiles.read(outDir.resolve("manifest.csv"));
        if (lines.size() <= 1) {
            throw new IOException(outDir.resolve("manifest.csv") + ": no generated faces to show");
        }
        List<String> header = lines.get(0).fields();
        int fMasked = header.indexOf(fileColumn);
        if (fMasked < 0) {
            throw new IOException(outDir.resolve("manifest.csv") + ": no column " + fileColumn);
        }
        int fMisplacement = fileColumn.equals("file_incorrect") ? header.indexOf("misplacement") : -1;
        int fTemplate = header.indexOf("template");
        int fColour = header.indexOf("colouring");
        int fYaw = header.indexOf("yaw");
        List<List<String>> rows = new ArrayList<>();
        for (CsvFiles.Row l : lines.subList(1, lines.size())) {
            rows.add(new ArrayList<>(l.fields()));
        }
        Collections.shuffle(rows, new Random(seed));
        List<List<String>> pick = rows.subList(0, Math.min(count, rows.size()));
        int cols = Math.min(columns, pick.size());
        int rowsN = (pick.size() + cols - 1) / cols;
        int caption = 26;
        BufferedImage sheet = new BufferedImage(cols * tile, rowsN * (tile + caption), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i < pick.size(); i++) {
            List<String> r = pick.get(i);
            BufferedImage img = ImageIO.read(outDir.resolve(r.get(fMasked)).toFile());
            int x = (i % cols) * tile;
            int y = (i / cols) * (tile + caption);
            if (img != null) {
                double s = Math.min(tile / (double) img.getWidth(), tile / (double) img.getHeight());
                int w = (int) Math.round(img.getWidth() * s);
                int h = (int) Math.round(img.getHeight() * s);
                g.drawImage(img, x + (tile - w) / 2, y + (tile - h) / 2, w, h, null);
            }
            g.setColor(Color.DARK_GRAY);
            String yaw = r.get(fYaw);
            g.drawString(fit(g, r.get(fTemplate).replace("reference/", "ref/") + " " + yaw + "°", tile - 4), x + 2, y + tile + 11);
            String second = fMisplacement >= 0 ? r.get(fMisplacement) + " " + r.get(fColour) : r.get(fColour);
            g.drawString(fit(g, second, tile - 4), x + 2, y + tile + 23);
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageEncoder.write(sheet, "png", ImageEncoder.DEFAULT_JPEG_QUALITY, png);
        return pick.size();
    }

    /** The text, cut with an ellipsis to fit {@code width} pixels. */
    private static String fit(Graphics2D g, String s, int width) {
        var fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
