package io.maskwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the masks command lands. */
@Command(name = "masks", description = "(not built yet)")
public final class MasksCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("maskwatch masks: not built yet");
        return 2;
    }
}
