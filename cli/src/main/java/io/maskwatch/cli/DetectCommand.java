package io.maskwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the detect command lands. */
@Command(name = "detect", description = "(not built yet)")
public final class DetectCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("maskwatch detect: not built yet");
        return 2;
    }
}
