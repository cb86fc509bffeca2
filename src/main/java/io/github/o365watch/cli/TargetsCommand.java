package io.github.o365watch.cli;

import io.github.o365watch.app.Generate;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TemplateEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "targets",
        description = "Lists the targets 'generate' can write, with what each can express and its options.")
@Exits("6:template problem: a broken template in --templates or in the config file's templates directory")
final class TargetsCommand extends SiteCommand {
    @Option(
            names = "--templates",
            paramLabel = "DIR",
            description = "Include the targets in this template directory (default: the config file's templates).")
    Path templates;

    @Override
    public Integer call() {
        PrintWriter w = out();
        TemplateEngine engine = Generate.engine(
                templates != null
                        ? Optional.of(templates)
                        : config().flatMap(io.github.o365watch.app.Config::templates));
        Table t = new Table("TARGET", "IPV4", "IPV6", "HOSTNAMES", "PORTS", "MAX ENTRIES", "FILES");
        StringBuilder details = new StringBuilder();
        for (String id : engine.targets()) {
            TargetSpec s = TargetSpec.parse(id, engine.properties(id));
            t.row(
                    id,
                    yes(s.ipv4()),
                    yes(s.ipv6()),
                    s.hosts().name().toLowerCase(java.util.Locale.ROOT),
                    yes(s.ports()),
                    s.maxEntries() == 0 ? "-" : s.maxEntries(),
                    s.outputs().stream()
                            .map(TargetSpec.Output::name)
                            .reduce((a, b) -> a + " " + b)
                            .orElse(""));
            details.append('\n').append(id).append(": ").append(s.description()).append('\n');
            s.options()
                    .values()
                    .forEach(o -> details.append("  --option ")
                            .append(id)
                            .append('.')
                            .append(o.name())
                            .append('=')
                            .append(o.required() ? "VALUE (required)" : o.defaultValue() + " (default)")
                            .append(": ")
                            .append(o.description())
                            .append('\n'));
            if (!s.hostNote().isEmpty()) {
                details.append("  note: ").append(s.hostNote()).append('\n');
            }
        }
        t.print(w);
        w.print(details);
        w.println();
        w.println("Hostnames: none = addresses only; exact = exact names; subdomains = exact names and *.domain;"
                + " labels = '*' as whole labels anywhere; any = any pattern.");
        return ExitCodes.OK;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
