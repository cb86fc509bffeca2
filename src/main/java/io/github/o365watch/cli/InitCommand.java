package io.github.o365watch.cli;

import io.github.o365watch.app.Init;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "init",
        description = {
            "Writes a commented starter config file to edit before the first sync, and a .gitattributes beside it that keeps git"
                    + " from changing the line ends of what o365watch checks by checksum.",
            "The file goes to --config FILE, else $" + SiteCommand.CONFIG_ENV + ", else ./" + SiteCommand.CONFIG_FILE
                    + ", where every other command then finds it."
        })
@Exits("5:the file could not be written (disk, permissions)")
final class InitCommand extends BaseCommand {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Where to write it (default: $" + SiteCommand.CONFIG_ENV + ", else ./"
                    + SiteCommand.CONFIG_FILE + ").")
    Path config;

    @Option(names = "--force", description = "Replace an existing config file.")
    boolean force;

    @Override
    public Integer call() {
        Init.Result r = Init.run(
                SiteCommand.named(environment(), config).file(), force ? Init.Existing.REPLACE : Init.Existing.REFUSE);
        PrintWriter out = out();
        out.println("wrote " + r.config() + "; edit it, then run: o365watch sync");
        if (!r.addedLines().isEmpty()) {
            out.println((r.existed() ? "added to " : "wrote ") + r.attributes() + ": "
                    + String.join(", ", r.addedLines()) + " (git keeps their bytes; see the README on core.autocrlf)");
        }
        return ExitCodes.OK;
    }
}
