package io.github.o365watch.cli;

import io.github.o365watch.app.UsageException;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.source.SourceConfigException;
import io.github.o365watch.source.UpstreamException;
import io.github.o365watch.store.StoreException;
import io.github.o365watch.text.Printable;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The exit codes (README.md, "Exit codes") and the one place that maps an exception to one. */
final class ExitCodes {
    static final int OK = 0;
    static final int FOUND = 1;
    static final int USAGE = 2;
    static final int UPSTREAM = 3;
    static final int DATA = 4;
    static final int STORE = 5;
    static final int TEMPLATE = 6;
    static final int GUARD = 7;
    static final int INTERNAL = 70;

    /** For --help: code and meaning, in order. */
    static final Map<String, String> DESCRIPTIONS = descriptions();

    private ExitCodes() {}

    private static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "success; for check and diff --exit-code: nothing outstanding");
        m.put(
                "1",
                "check: unapplied changes; verify: something selected is missing; audit --exit-code: denied traffic; diff --exit-code: differences; lookup: no match");
        m.put("2", "usage error (bad option, bad config file, a log or deployed file that could not be read)");
        m.put("3", "upstream unavailable (network, HTTP error, rate limited)");
        m.put("4", "upstream data invalid (unparseable, fails validation)");
        m.put("5", "local store or lock problem (corrupt snapshot, store busy, disk)");
        m.put("6", "template problem (broken template, generate: an output beyond its limits)");
        m.put(
                "7",
                "refused by the safety guard (a new version shrinks past the threshold, an output would break the limits, lists"
                        + " no Microsoft 365 endpoint has, or the store holds a newer version than the service publishes)");
        m.put("70", "internal error (a bug)");
        return m;
    }

    /**
     * A command's exit codes for its --help: what its class, its base classes and its mixins declare
     * ({@link Exits}), the nearest declaration of a code giving its meaning. A class that declares
     * none (picocli's help command) can only succeed or be misused.
     */
    static Map<String, String> of(Class<?> command) {
        Map<Integer, String> codes = new java.util.TreeMap<>();
        for (Class<?> c = command; c != null && c != Object.class; c = c.getSuperclass()) {
            declared(c, codes);
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(picocli.CommandLine.Mixin.class)) {
                    declared(f.getType(), codes);
                }
            }
        }
        if (codes.isEmpty()) {
            codes.put(OK, "success");
            codes.put(USAGE, "usage error: a bad option or value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        codes.forEach((code, meaning) -> out.put(Integer.toString(code), meaning));
        return out;
    }

    private static void declared(Class<?> part, Map<Integer, String> codes) {
        Exits e = part.getAnnotation(Exits.class);
        if (e != null) {
            for (String s : e.value()) {
                int colon = s.indexOf(':');
                codes.putIfAbsent(Integer.parseInt(s.substring(0, colon)), s.substring(colon + 1));
            }
        }
    }

    static int of(Throwable e) {
        if (e instanceof UsageException
                || e instanceof SourceConfigException
                || e instanceof java.nio.file.InvalidPathException
                || e instanceof io.github.o365watch.render.OptionException) {
            return USAGE;
        }
        if (e instanceof UpstreamException) {
            return UPSTREAM;
        }
        if (e instanceof InvalidDataException) {
            return DATA;
        }
        if (e instanceof StoreException || e instanceof io.github.o365watch.report.FeedException) {
            return STORE;
        }
        if (e instanceof io.github.o365watch.render.TemplateException
                || e instanceof io.github.o365watch.render.LimitException) {
            return TEMPLATE;
        }
        if (e instanceof io.github.o365watch.app.GuardException
                || e instanceof io.github.o365watch.app.AheadException) {
            return GUARD;
        }
        return INTERNAL;
    }

    /** Prints one clear line for the failure (a stack trace only when asked) and returns its code. */
    static int report(Throwable e, PrintWriter err, boolean stacktrace) {
        return report(e, "", err, stacktrace);
    }

    /**
     * What a command threw: a mistake our code found on {@code command}'s command line in the shape
     * of picocli's own ({@link #usage}), anything else as {@link #report(Throwable, PrintWriter, boolean)}.
     */
    static int report(Throwable e, CommandLine command, PrintWriter err, boolean stacktrace) {
        if (e instanceof UsageException u && u.found() == UsageException.Found.COMMAND_LINE) {
            int code = usage(new ParameterException(command, u.getMessage(), u), err);
            if (stacktrace) {
                e.printStackTrace(err);
                err.flush();
            }
            return code;
        }
        return report(e, err, stacktrace);
    }

    /**
     * The one shape of a usage error on the command line, whether picocli or our code found it: the
     * message, then where to read how the command is used.
     */
    static int usage(ParameterException e, PrintWriter err) {
        String message = e.getCause() instanceof FileNames.Invalid invalid
                // a file name this locale cannot hold: the option and why, not picocli's "Invalid value"
                ? (e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() + " " : "")
                        + invalid.getMessage()
                : Main.message(e);
        err.println("o365watch: " + Printable.line(message, 2000));
        err.println("Try 'o365watch " + commandPath(e.getCommandLine()) + "--help' for more information.");
        err.flush();
        return USAGE;
    }

    private static String commandPath(CommandLine cl) {
        String q = cl.getCommandSpec().qualifiedName(" ");
        String rest =
                q.startsWith("o365watch") ? q.substring("o365watch".length()).strip() : q;
        return rest.isEmpty() ? "" : rest + " ";
    }

    /** As {@link #report(Throwable, PrintWriter, boolean)}, the message prefixed with {@code context}. */
    static int report(Throwable e, String context, PrintWriter err, boolean stacktrace) {
        int code = of(e);
        if (code == INTERNAL) {
            err.println("o365watch: internal error: " + Printable.line(e.toString(), 2000)
                    + "; this is a bug: please report it with the command line" + " and the output of --stacktrace");
        } else if (e instanceof java.nio.file.InvalidPathException p) {
            err.println(
                    "o365watch: " + Printable.line(context + io.github.o365watch.store.PathNames.describe(p), 2000));
        } else {
            // a sentence for the person running o365watch: a Java class name a cause's message carried is left out
            err.println("o365watch: " + Printable.line(Printable.withoutClassNames(context + e.getMessage()), 2000));
        }
        if (stacktrace) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
