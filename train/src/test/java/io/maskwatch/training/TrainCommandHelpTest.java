package io.maskwatch.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.classify.CropSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** `maskwatch train --help` reads well at 80 columns and shows the real defaults, not internal names. */
class TrainCommandHelpTest {

    @Test
    void helpFitsEightyColumnsAndShowsTheCropDefaults() {
        StringWriter help = new StringWriter();
        new CommandLine(new TrainCommand()).usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
        for (String line : help.toString().lines().toList()) {
            assertTrue(line.length() <= 80, "line over 80 columns: " + line);
            assertFalse(line.matches(".*<[a-z]+[A-Z]\\w*>.*"), "field name as a label: " + line);
            assertFalse(line.contains("CropSpec") || line.contains("-Dmaskwatch"), "internal name: " + line);
        }
        String text = help.toString().replaceAll("\\s+", " ");
        assertTrue(text.contains("(default: " + CropSpec.DEFAULT.size() + ")"), text);
        assertTrue(text.contains("(default: " + CropSpec.DEFAULT.expand() + ")"), text);
    }
}
