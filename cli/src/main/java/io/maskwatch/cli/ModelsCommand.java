package io.maskwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the models command lands. */
@Command(name = "models", description = "(not built yet)")
public final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("maskwatch models: not built yet");
        return 2;
    }
}
