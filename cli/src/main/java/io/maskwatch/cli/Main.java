package io.maskwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one {@code maskwatch} command; each job is a subcommand. */
@Command(name = "maskwatch", mixinStandardHelpOptions = true, version = "maskwatch 0.1.0",
        description = "Finds faces without a mask in photos.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {"", "'maskwatch COMMAND --help' tells more about each command."},
        subcommands = {
            DetectCommand.class,
            ModelsCommand.class,
            BenchCommand.class,
            MasksCommand.class,
            EvaluateCommand.class,
            ServeCommand.class
        })
public final class Main implements Callable<Integer> {

    /** Exit code of a usage error (bad option or value, missing argument, no command). */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 some inputs failed, 2 usage error). */
    public static int run(String... args) {
        // Every command that loads a model uses the unpacked copy in the user cache, not a new temporary folder.
        OnnxNativeCache.use();
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
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        // After the optional commands are added: picocli applies this to the subcommands present now.
        cl.setParameterExceptionHandler(Main::shortUsageError);
        return cl;
    }

    /**
     * A usage error: the message and where to read more, not the whole help (which would bury the one line that
     * matters).
     */
    static int shortUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /** No command: a short list of the commands on stderr, and the usage-error exit code. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Usage: maskwatch COMMAND [OPTIONS]   (maskwatch --help lists the commands)");
        err.println("Commands: " + String.join(", ", spec.subcommands().keySet().stream()
                .filter(n -> !n.equals("help")).toList()) + ".");
        err.flush();
        return USAGE;
    }
}
