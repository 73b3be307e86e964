package io.maskwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the evaluate command lands. */
@Command(name = "evaluate", description = "(not built yet)")
public final class EvaluateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("maskwatch evaluate: not built yet");
        return 2;
    }
}
