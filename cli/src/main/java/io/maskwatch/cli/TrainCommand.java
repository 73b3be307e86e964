package io.maskwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the train command lands. */
@Command(name = "train", description = "(not built yet)")
public final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("maskwatch train: not built yet");
        return 2;
    }
}
