package io.github.o365watch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Entry point. {@link #run} returns the exit code; only {@link #main} exits the JVM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            code = run(args, out, err, Environment.system());
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
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpLongOptionsMaxWidth(30);
        exitCodesInHelp(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> ExitCodes.report(e, err, root.stacktrace));
        // file names this locale cannot hold: one line, like every other usage error of a value
        cl.registerConverter(java.nio.file.Path.class, FileNames::path);
        cl.setExecutionStrategy(parsed -> {
            if (!helpOnly(parsed)) {
                try {
                    FileNames.checkWorkingDirectory();
                } catch (RuntimeException e) {
                    throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((e, args2) -> {
            if (e.getCause() instanceof FileNames.Invalid invalid) {
                err.println("o365watch: " + (e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() + " " : "")
                        + invalid.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            err.println("o365watch: " + e.getMessage());
            err.println("Try 'o365watch " + commandPath(e.getCommandLine()) + "--help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
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
            if (c.isUsageHelpRequested() || c.isVersionHelpRequested() || c.getCommand() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    /**
     * Picocli builds a command's model by reflection when it is added, which is a good part of a
     * short run's start-up; a run that names a subcommand gets only that one. Help, completion and
     * anything picocli must explain (no subcommand, an unknown one) get them all.
     */
    static CommandLine commandLine(Root root, String[] args) {
        CommandLine cl = new CommandLine(root);
        addSubcommands(cl, args);
        return cl;
    }

    private static void addSubcommands(CommandLine cl, String[] args) {
        String named = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--store")) {
                i++;
            } else if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        for (Class<?> c : Root.COMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            if (named == null || named.equals("help") || named.equals("completion") || !isCommand(named) || name.equals(named)) {
                cl.addSubcommand(c);
            }
        }
    }

    private static boolean isCommand(String name) {
        return Root.COMMANDS.stream().anyMatch(c -> c.getAnnotation(picocli.CommandLine.Command.class).name().equals(name));
    }

    private static String commandPath(CommandLine cl) {
        String q = cl.getCommandSpec().qualifiedName(" ");
        String rest = q.startsWith("o365watch") ? q.substring("o365watch".length()).strip() : q;
        return rest.isEmpty() ? "" : rest + " ";
    }

    private static void exitCodesInHelp(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.DESCRIPTIONS);
        for (CommandLine sub : cl.getSubcommands().values()) {
            exitCodesInHelp(sub);
        }
    }
}
