package io.maskwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the serve command lands. */
@Command(name = "serve", description = "(not built yet)")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("maskwatch serve: not built yet");
        return 2;
    }
}
