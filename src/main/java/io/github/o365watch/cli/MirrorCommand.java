package io.github.o365watch.cli;

import io.github.o365watch.app.Mirror;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "mirror",
        description = {
            "Writes a mirror directory of the web service for air-gapped networks.",
            "It holds the version history, endpoints and change records of each instance, byte for byte. Elsewhere, 'fetch"
                    + " --source DIR' reads it and stores exactly what a live fetch stores. The layout is in the README."
        })
@Exits("5:the mirror directory could not be written, or another o365watch is writing it")
final class MirrorCommand extends SiteCommand {
    @Mixin
    InstanceOptions instances;

    @Mixin
    SourceOptionsMixin source;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The mirror directory (created if missing).")
    Path out;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Also mirror the lists the service publishes for your tenant (default: the config file's tenant).")
    String tenant;

    @Option(
            names = "--lock-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long to wait for another o365watch writing the mirror (default: ${DEFAULT-VALUE}).")
    int lockTimeout;

    @Override
    public Integer call() {
        PrintWriter w = out();
        var ws = workspace(source, false, lockTimeout);
        List<Mirror.Outcome> outcomes = new Mirror(ws).run(out, instances.get(config()), tenantOrConfig(tenant));
        for (Mirror.Outcome o : outcomes) {
            w.println(o.instance() + ": "
                    + (o.updated() ? "mirrored " + o.version() : "mirror already at " + o.version()));
        }
        return ExitCodes.OK;
    }
}
