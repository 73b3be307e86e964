package io.maskwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one {@code maskwatch} command; each job is a subcommand. */
@Command(name = "maskwatch", mixinStandardHelpOptions = true, version = "maskwatch 0.1.0",
        description = "Finds faces without a mask in photos.",
        subcommands = {
            DetectCommand.class,
            ModelsCommand.class,
            BenchCommand.class,
            MasksCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 some inputs failed, 2 usage error). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
