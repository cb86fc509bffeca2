package io.github.o365watch.cli;

import io.github.o365watch.app.Status;
import io.github.o365watch.app.StatusRow;
import io.github.o365watch.app.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "status",
        description = {
            "Says per instance how old the stored data is and whether the service publishes a newer version.",
            "Per instance: the newest stored version, how old its data is, and the version the service publishes now (one"
                    + " request for all instances; none with --offline). Without --instance: the config file's instances, else"
                    + " Worldwide and every instance the store holds."
        })
final class StatusCommand extends StoreCommand {
    @Mixin
    InstanceOptions instances;

    @Mixin
    SourceOptionsMixin source;

    @Option(names = "--offline", description = "Do not ask the service; show only what is stored.")
    boolean offline;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        Workspace ws = workspace(source, offline, 0);
        Status.Result result = new Status(ws).run(instances.get(config()));
        String refresh = ws.site().refresh();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StatusRow r : result.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("instance", r.instance().name());
                r.stored().ifPresent(s -> m.put("stored", s.version().value()));
                r.ageDays().ifPresent(a -> m.put("ageDays", a));
                r.upstream().ifPresent(u -> m.put("upstream", u.value()));
                m.put("state", state(r, offline, result.upstreamFailure().isPresent(), refresh));
                rows.add(m);
            }
            Json.print(out, rows);
        } else {
            Table t = new Table("INSTANCE", "STORED", "DATA AGE", "UPSTREAM", "STATE");
            for (StatusRow r : result.rows()) {
                t.row(
                        r.instance(),
                        r.stored().map(s -> s.version().value()).orElse("-"),
                        r.ageDays().map(d -> d + (d == 1 ? " day" : " days")).orElse("-"),
                        r.upstream().map(Object::toString).orElse(offline ? "(offline)" : "-"),
                        state(r, offline, result.upstreamFailure().isPresent(), refresh));
            }
            t.print(out);
        }
        for (StatusRow r : result.rows()) {
            if (!offline && result.upstreamFailure().isEmpty() && r.ahead()) {
                err.println("o365watch: warning: " + io.github.o365watch.app.Status.ahead(r)
                        + "; fetch and sync refuse it (exit 7)"
                        + " until a person reviews it and runs fetch or sync --accept-older");
            }
        }
        if (result.upstreamFailure().isPresent()) {
            out.flush();
            return ExitCodes.report(result.upstreamFailure().get(), err, root.stacktrace);
        }
        return ExitCodes.OK;
    }

    /** @param refresh what brings the store up to date in this site: sync where a config file manages it, else fetch */
    private static String state(StatusRow r, boolean offline, boolean failed, String refresh) {
        if (offline || failed) {
            return r.stored().isEmpty() ? "nothing stored" : failed ? "upstream unavailable" : "upstream not asked";
        }
        if (r.upstream().isEmpty()) {
            return "not published upstream";
        }
        if (r.stored().isEmpty()) {
            return "nothing stored: run " + refresh;
        }
        return r.behind()
                ? "behind: run " + refresh
                : r.upstream().get().equals(r.stored().get().version())
                        ? "up to date"
                        : "STORED NEWER THAN UPSTREAM: review, then " + refresh + " --accept-older";
    }
}
