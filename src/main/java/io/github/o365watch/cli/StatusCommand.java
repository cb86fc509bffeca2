package io.github.o365watch.cli;

import io.github.o365watch.app.Status;
import io.github.o365watch.app.StatusRow;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status",
        description = {
            "Per instance: the newest stored version, how old its data is, and the version the service",
            "publishes now (one request for all instances; none with --offline)."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    Root root;

    @Mixin
    HelpOption help;

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
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        Status.Result result = new Status(Workspaces.of(root, source, offline, 0, "status")).run(instances.get());
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StatusRow r : result.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("instance", r.instance().name());
                r.stored().ifPresent(s -> m.put("stored", s.version().value()));
                r.ageDays().ifPresent(a -> m.put("ageDays", a));
                r.upstream().ifPresent(u -> m.put("upstream", u.value()));
                m.put("state", state(r, offline, result.upstreamFailure().isPresent()));
                rows.add(m);
            }
            Json.print(out, rows);
        } else {
            Table t = new Table("INSTANCE", "STORED", "DATA AGE", "UPSTREAM", "STATE");
            for (StatusRow r : result.rows()) {
                t.row(r.instance(), r.stored().map(s -> s.version().value()).orElse("-"),
                        r.ageDays().map(d -> d + (d == 1 ? " day" : " days")).orElse("-"),
                        r.upstream().map(Object::toString).orElse(offline ? "(offline)" : "-"),
                        state(r, offline, result.upstreamFailure().isPresent()));
            }
            t.print(out);
        }
        for (StatusRow r : result.rows()) {
            if (!offline && result.upstreamFailure().isEmpty() && r.ahead()) {
                err.println("o365watch: warning: " + io.github.o365watch.app.Status.ahead(r) + "; fetch and sync refuse it (exit 7)"
                        + " until a person reviews it and runs fetch or sync --accept-older");
            }
        }
        if (result.upstreamFailure().isPresent()) {
            out.flush();
            return ExitCodes.report(result.upstreamFailure().get(), err, root.stacktrace);
        }
        return ExitCodes.OK;
    }

    private static String state(StatusRow r, boolean offline, boolean failed) {
        if (offline || failed) {
            return r.stored().isEmpty() ? "nothing stored" : failed ? "upstream unavailable" : "upstream not asked";
        }
        if (r.upstream().isEmpty()) {
            return "not published upstream";
        }
        if (r.stored().isEmpty()) {
            return "nothing stored: run fetch";
        }
        return r.behind() ? "behind: run fetch" : r.upstream().get().equals(r.stored().get().version())
                ? "up to date" : "STORED NEWER THAN UPSTREAM: review, then fetch or sync --accept-older";
    }
}
