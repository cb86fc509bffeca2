package io.github.o365watch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point. {@link #run} returns the exit code; only {@link #main} exits the JVM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            // the launcher's training run for its class-data archive (bin/o365watch), not a command
            code = args.length == 3 && args[0].equals(Training.ARGUMENT)
                    ? Training.run(Path.of(args[1]), Path.of(args[2]), err)
                    : run(args, out, err, Environment.system());
        } catch (RuntimeException e) {
            // the environment itself (a config directory whose name this locale cannot hold)
            code = ExitCodes.report(e, err, false);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Environment.system());
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, Environment environment) {
        Root root = new Root(environment);
        CommandLine cl = commandLine(root, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> ExitCodes.report(e, cmd, err, root.stacktrace));
        cl.setExecutionStrategy(parsed -> {
            if (!helpOnly(parsed)) {
                try {
                    FileNames.checkWorkingDirectory();
                } catch (RuntimeException e) {
                    throw new CommandLine.ExecutionException(
                            parsed.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((e, args2) -> ExitCodes.usage(e, err));
        int code;
        try {
            code = cl.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands errors (not exceptions) straight through; they are bugs too
            code = ExitCodes.report(e, err, root.stacktrace);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Help or version asked for: nothing will touch a file. */
    private static boolean helpOnly(CommandLine.ParseResult parsed) {
        for (CommandLine c : parsed.asCommandLineList()) {
            if (c.isUsageHelpRequested()
                    || c.isVersionHelpRequested()
                    || c.getCommand() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    /**
     * The command line for a run. Picocli builds a command's model by reflection when it is added,
     * which is a good part of a short run's start-up, so a run that names a command gets only that
     * one: picocli itself parses the root's options first and says where the command's name is.
     * Help, completion and anything picocli must explain (no command, a mistyped one it suggests a
     * name for) get them all.
     */
    static CommandLine commandLine(Root root, String[] args) {
        CommandLine cl = new CommandLine(root);
        String named = named(cl, args);
        for (Class<?> c : Root.COMMANDS) {
            if (named == null || named.equals(name(c))) {
                cl.addSubcommand(c);
                CommandLine sub = cl.getSubcommands().get(name(c));
                sub.getCommandSpec()
                        .usageMessage()
                        .exitCodeListHeading("%nExit codes:%n")
                        .exitCodeList(ExitCodes.of(c));
            }
        }
        cl.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.DESCRIPTIONS);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpLongOptionsMaxWidth(30);
        // relative paths start from the run's working directory (the process's own outside tests); a file name this
        // locale cannot hold is a usage error of the option's value, like every other
        cl.registerConverter(Path.class, s -> root.environment.resolve(FileNames.path(s)));
        help(cl);
        return cl;
    }

    /** The command a run names, when it is the only one to build; null to build them all. */
    private static String named(CommandLine cl, String[] args) {
        cl.setStopAtPositional(true);
        cl.setUnmatchedArgumentsAllowed(true);
        try {
            List<String> rest = cl.parseArgs(args).unmatched();
            String first = rest.isEmpty() ? null : rest.get(0);
            boolean one = first != null
                    && !first.equals("help")
                    && !first.equals("completion")
                    && Root.COMMANDS.stream().anyMatch(c -> name(c).equals(first));
            return one ? first : null;
        } catch (ParameterException e) {
            return null; // the real parse says what is wrong
        } finally {
            cl.setStopAtPositional(false);
            cl.setUnmatchedArgumentsAllowed(false);
        }
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Picocli's message, with the name it finds closest to a mistyped command or option, when that is a typo away. */
    static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            String guess = u.getSuggestions().stream()
                    .filter(s -> typo(arg, s))
                    .findFirst()
                    .map(s -> "; did you mean " + s + "?")
                    .orElse("");
            // a word the root does not know, where a command's name goes
            boolean command =
                    !u.isUnknownOption() && !e.getCommandLine().getSubcommands().isEmpty();
            if (command) {
                return "unknown command '" + arg + "'" + guess;
            }
            return e.getMessage() + guess;
        }
        return e.getMessage();
    }

    /**
     * True when {@code typed} is {@code name} with a few letters wrong, missing, extra or swapped
     * (one per three letters): picocli also suggests names that only look alike ({@code --stacktrace}
     * for {@code --store}), which would send the user the wrong way.
     */
    static boolean typo(String typed, String name) {
        String a = typed.replaceFirst("^-+", "");
        String b = name.replaceFirst("^-+", "");
        // optimal string alignment distance
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()] <= Math.max(1, Math.min(a.length(), b.length()) / 3);
    }

    /** Usage lines, and the precedence rule under every command that reads the site's config file. */
    private static void help(CommandLine cl) {
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, Main::synopsis);
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--config") != null || !spec.subcommands().isEmpty()) {
            spec.usageMessage().footerHeading("%n").footer(SiteCommand.PRECEDENCE);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) {
                help(sub);
            }
        }
    }

    /**
     * {@code o365watch verify [OPTIONS] --against=FILE...}: the optional options in one word (the
     * list follows), the required ones and the parameters spelt out. Picocli's own form repeats a
     * required option that takes several values ({@code --against=FILE... [--against=FILE...]...}).
     */
    static String synopsis(Help help) {
        CommandSpec spec = help.commandSpec();
        StringBuilder s = new StringBuilder(spec.qualifiedName());
        if (spec.options().stream().anyMatch(o -> !o.required() && !o.hidden())) {
            s.append(" [OPTIONS]");
        }
        for (OptionSpec o : spec.options()) {
            if (o.required() && !o.hidden()) {
                s.append(' ')
                        .append(o.longestName())
                        .append(o.arity().max() == 0 ? "" : "=" + o.paramLabel() + (o.isMultiValue() ? "..." : ""));
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                String label = p.paramLabel() + (p.isMultiValue() ? "..." : "");
                s.append(' ').append(p.arity().min() > 0 ? label : "[" + label + "]");
            }
        }
        if (!spec.subcommands().isEmpty()) {
            s.append(" [COMMAND]");
        }
        return s.append(System.lineSeparator()).toString();
    }
}
