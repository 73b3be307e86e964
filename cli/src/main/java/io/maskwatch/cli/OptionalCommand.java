package io.maskwatch.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A command whose heavy dependencies (PyTorch, FFmpeg, Spark) live in an optional module, outside the base
 * install of detect, evaluate, serve and models. The launcher puts the module on the class path when the
 * command is run; here the command is found by class name, or stands in as a one-line "not installed" answer.
 */
enum OptionalCommand {
    TRAIN("train", "io.maskwatch.training.TrainCommand", "train",
            "Trains the mask classifier and exports it to ONNX."),
    WATCH("watch", "io.maskwatch.video.WatchCommand", "video",
            "Watches videos, cameras and streams for unmasked people."),
    SPARK("spark", "io.maskwatch.spark.SparkCommand", "spark",
            "Scores photo archives as an Apache Spark job.");

    final String name;
    final String className;
    final String module;
    final String summary;

    OptionalCommand(String name, String className, String module, String summary) {
        this.name = name;
        this.className = className;
        this.module = module;
        this.summary = summary;
    }

    /** The command object when its module is on the class path. */
    Optional<Object> load() {
        try {
            Class<?> type = Class.forName(className, true, OptionalCommand.class.getClassLoader());
            return Optional.of(type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the " + name + " command from " + className, e);
        }
    }

    /** One line that says how to get the command. */
    String installHint() {
        return "maskwatch " + name + ": the optional '" + module + "' module is not installed. Run it through the"
                + " ./maskwatch launcher, which builds it on first use, or build it with"
                + " `mvn -B -DskipTests package -pl " + module + " -am` and add " + module + "/target/maskwatch-"
                + module + ".jar and " + module + "/target/lib/* to the class path.";
    }

    /** Stands in for a command whose module is not installed: listed by --help, answers with the hint. */
    @picocli.CommandLine.Command(description = "(not installed here)")
    static final class Missing implements Callable<Integer> {
        private final OptionalCommand command;

        @picocli.CommandLine.Unmatched
        List<String> ignored;

        Missing(OptionalCommand command) {
            this.command = command;
        }

        @Override
        public Integer call() {
            System.err.println(command.installHint());
            return Main.USAGE; // a set-up problem, reported like a usage error
        }
    }
}
