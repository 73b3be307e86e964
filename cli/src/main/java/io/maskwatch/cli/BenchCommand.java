package io.maskwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the bench command lands. */
@Command(name = "bench", description = "(not built yet)")
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("maskwatch bench: not built yet");
        return 2;
    }
}
