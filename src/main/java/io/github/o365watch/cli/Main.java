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
        int code = run(args, out, err, Environment.system());
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Environment.system());
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, Environment environment) {
        Root root = new Root(environment);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpLongOptionsMaxWidth(30);
        exitCodesInHelp(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> ExitCodes.report(e, err, root.stacktrace));
        cl.setParameterExceptionHandler((e, args2) -> {
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
