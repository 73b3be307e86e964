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
        return commandLine().execute(args);
    }

    /** The command line with every command: optional ones as installed, or as a "not installed" answer. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (OptionalCommand oc : OptionalCommand.values()) {
            Object command = oc.load().orElse(null);
            CommandLine sub = new CommandLine(command != null ? command : new OptionalCommand.Missing(oc));
            if (command == null) {
                sub.getCommandSpec().usageMessage().description(oc.summary, "(not installed here: the launcher builds it on first use)");
            }
            cl.addSubcommand(oc.name, sub);
        }
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
