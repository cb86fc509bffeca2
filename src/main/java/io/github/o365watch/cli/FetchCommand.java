package io.github.o365watch.cli;

import io.github.o365watch.app.Fetch;
import io.github.o365watch.app.FetchOutcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "fetch",
        description = {
            "Stores each newly published version in the store.",
            "Checks the published version of each instance and, when it is newer than the newest stored one, downloads the"
                    + " endpoints and the change records, validates them and stores a snapshot. Says what it did in one line per"
                    + " instance. In a site that sync manages, sync does this too."
        })
@Exits("7:the store holds a newer version than the service publishes; nothing stored (--accept-older, after a review)")
final class FetchCommand extends StoreCommand {
    @Mixin
    InstanceOptions instances;

    @Mixin
    SourceOptionsMixin source;

    @Option(
            names = "--force",
            description =
                    "Download even when the version did not move (a republished version is kept beside the first).")
    boolean force;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Also keep the lists the service publishes for your tenant (TenantName), for 'generate --tenant'"
                            + " (default: the config file's tenant).")
    String tenant;

    @Option(
            names = "--accept-older",
            description =
                    "When the store holds a version newer than the service publishes (exit 7 without this), withdraw it"
                            + " (its files stay, marked withdrawn) and take the service's version. After a review.")
    boolean acceptOlder;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Option(
            names = "--lock-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long to wait for another o365watch writing to the store (default: ${DEFAULT-VALUE}).")
    int lockTimeout;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        java.util.Optional<String> t = tenantOrConfig(tenant).map(FetchCommand::tenant);
        List<FetchOutcome> outcomes = new Fetch(workspace(source, false, lockTimeout))
                .run(
                        instances.get(config()),
                        Fetch.Options.DEFAULT.withForce(force).withTenant(t).withAcceptOlder(acceptOlder));
        int code = ExitCodes.OK;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FetchOutcome o : outcomes) {
            for (String w : o.warnings()) {
                err.println("o365watch: warning: "
                        + io.github.o365watch.text.Printable.line(o.instance() + ": " + w, 2000));
            }
            if (o.failure().isPresent()) {
                int c = ExitCodes.report(o.failure().get(), o.instance() + ": ", err, root.stacktrace);
                code = code == ExitCodes.OK ? c : code;
            } else if (!json) {
                out.println(line(o));
            }
            rows.add(json(o));
        }
        if (json) {
            Json.print(out, rows);
        }
        return code;
    }

    private static String tenant(String t) {
        if (!io.github.o365watch.domain.TenantName.isValid(t)) {
            throw io.github.o365watch.app.UsageException.commandLine(
                    "--tenant: " + io.github.o365watch.domain.TenantName.RULE);
        }
        return t;
    }

    static String line(FetchOutcome o) {
        return base(o)
                + o.tenant()
                        .map(t -> "; kept the lists published for tenant " + t)
                        .orElse("");
    }

    private static String base(FetchOutcome o) {
        String v = o.published().map(Object::toString).orElse("?");
        return o.instance() + ": "
                + switch (o.status()) {
                    case UP_TO_DATE -> "up to date at " + v;
                    case STORED ->
                        "stored " + v
                                + o.previous().map(p -> " (previous " + p + ")").orElse(" (first in this store)")
                                + ": "
                                + io.github.o365watch.domain.Plural.of(
                                        o.endpointSets(), "endpoint set", "endpoint sets")
                                + ", "
                                + o.changeRecords()
                                        .map(n -> io.github.o365watch.domain.Plural.of(
                                                n, "change record", "change records"))
                                        .orElse("no change records available");
                    case IDENTICAL -> v + " fetched again: identical to the stored copy, nothing written";
                    case REPUBLISHED ->
                        v + " was republished with different content (endpoint sets " + ids(o.differingSets())
                                + " differ); both kept, the new one as revision " + o.revision();
                    case FAILED -> "failed";
                };
    }

    private static String ids(List<Integer> ids) {
        List<String> s = ids.stream().limit(20).map(String::valueOf).toList();
        return String.join(", ", s) + (ids.size() > 20 ? " and " + (ids.size() - 20) + " more" : "");
    }

    private static Map<String, Object> json(FetchOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", o.instance().name());
        m.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        o.published().ifPresent(v -> m.put("published", v.value()));
        o.previous().ifPresent(v -> m.put("previous", v.value()));
        if (o.failure().isEmpty()) {
            m.put("endpointSets", o.endpointSets());
            o.changeRecords().ifPresent(n -> m.put("changeRecords", n));
            m.put("revision", o.revision());
        }
        if (!o.differingSets().isEmpty()) {
            m.put("differingSets", o.differingSets());
        }
        m.put("warnings", o.warnings());
        o.tenant().ifPresent(t -> m.put("tenant", t));
        o.failure().ifPresent(e -> {
            m.put("error", e.getMessage());
            m.put("exitCode", ExitCodes.of(e));
        });
        return m;
    }
}
