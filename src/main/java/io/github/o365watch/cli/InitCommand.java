package io.github.o365watch.cli;

import io.github.o365watch.app.Init;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", description = "Writes a commented starter config file (o365watch.yaml) to edit before the first sync, and a"
        + " .gitattributes beside it that keeps git from changing the line ends of what o365watch checks by checksum.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Root root;

    @Mixin
    HelpOption help;

    @Mixin
    ConfigOption config;

    @Option(names = "--force", description = "Replace an existing config file.")
    boolean force;

    @Override
    public Integer call() {
        Init.Result r = Init.run(config.path(), force);
        PrintWriter out = root.spec.commandLine().getOut();
        out.println("wrote " + r.config() + "; edit it, then run: o365watch sync");
        if (!r.addedLines().isEmpty()) {
            out.println((r.existed() ? "added to " : "wrote ") + r.attributes() + ": " + String.join(", ", r.addedLines())
                    + " (git keeps their bytes; see the README on core.autocrlf)");
        }
        return ExitCodes.OK;
    }
}
