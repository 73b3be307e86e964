package io.maskwatch.cli;

import io.maskwatch.model.ModelEntry;
import io.maskwatch.model.ModelException;
import io.maskwatch.model.ModelStatus;
import io.maskwatch.model.ModelStore;
import io.maskwatch.model.ModelStoreConfig.ModelDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maskwatch models [list|verify|fetch] [ID...]}: what models there are, where, and whether they are intact. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {
            "Lists, verifies and downloads the models maskwatch uses.",
            "",
            "  list    (default) where each model was found, its check, licence, source",
            "  verify  the same; exit code 1 when a model is missing or damaged",
            "  fetch   downloads the missing models (or the IDs given) into the cache",
            "          and checks each against its SHA-256"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all good", "1:a model is missing, damaged or could not be downloaded", "2:usage error"})
public final class ModelsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "list",
            description = "list, verify or fetch (default: list)")
    String action;

    @Parameters(index = "1..*", paramLabel = "ID", description = "Model ids (default: all in the manifest).")
    List<String> ids = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--force", description = "fetch: download again even if a good copy exists.")
    boolean force;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelStore store;
        try {
            store = modelOptions.store(err);
        } catch (ModelException e) {
            err.println("maskwatch models: " + e.getMessage());
            return 2;
        }
        List<String> chosen = ids.isEmpty() ? store.manifest().ids() : ids;
        for (String id : chosen) {
            if (store.manifest().find(id).isEmpty()) {
                err.println("maskwatch models: unknown model id '" + id + "'; known: "
                        + String.join(", ", store.manifest().ids()));
                return 2;
            }
        }
        return switch (action) {
            case "list" -> list(store, chosen, out, false);
            case "verify" -> list(store, chosen, out, true);
            case "fetch" -> fetch(store, chosen, out, err);
            default -> {
                err.println("maskwatch models: unknown action '" + action + "' (use list, verify or fetch)");
                yield 2;
            }
        };
    }

    private int list(ModelStore store, List<String> chosen, PrintWriter out, boolean verbose) {
        printPath(store, out);
        int bad = 0;
        for (String id : chosen) {
            ModelStatus s = store.status(id);
            ModelEntry e = s.entry();
            out.printf("%-20s %-10s %s%n", id, s.state().text(), s.path().map(Path::toString).orElse("-"));
            out.println("    file:    " + e.file() + (e.description().isEmpty() ? "" : "  (" + e.description() + ")"));
            out.println("    licence: " + e.licence());
            out.println("    source:  " + e.source());
            e.url().ifPresent(u -> out.println("    url:     " + u));
            if (!s.usable()) {
                bad++;
                out.println("    " + s.detail() + "; looked in:");
                s.probes().forEach(p -> out.println("      " + p));
            } else if (verbose) {
                out.println("    " + s.detail());
            }
        }
        out.flush();
        if (bad > 0) {
            out.println(bad + " of " + chosen.size() + " models missing or damaged"
                    + " (`maskwatch models fetch` downloads those with a URL)");
        }
        return bad > 0 && !action.equals("list") ? 1 : 0;
    }

    private int fetch(ModelStore store, List<String> chosen, PrintWriter out, PrintWriter err) {
        List<String> todo = ids.isEmpty()
                ? chosen.stream().filter(id -> store.manifest().get(id).url().isPresent()).toList()
                : chosen;
        int failed = 0;
        for (String id : todo) {
            try {
                Path p = store.fetch(id, force);
                out.printf("%-20s ok         %s%n", id, p);
            } catch (ModelException e) {
                failed++;
                out.printf("%-20s FAILED%n", id);
                err.println("maskwatch models: " + e.getMessage());
            }
            out.flush();
        }
        return failed > 0 ? 1 : 0;
    }

    private static void printPath(ModelStore store, PrintWriter out) {
        out.println("model path (first good copy wins):");
        int i = 1;
        for (ModelDir d : store.config().searchPath()) {
            out.printf("  %d. %s [%s]%s%n", i++, d.dir(), d.origin(),
                    java.nio.file.Files.isDirectory(d.dir()) ? "" : " (does not exist)");
        }
        out.println("manifest: " + store.manifest().origin() + (store.config().offline() ? "   (offline)" : ""));
        out.println();
    }
}
