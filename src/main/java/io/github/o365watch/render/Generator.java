package io.github.o365watch.render;

import io.github.o365watch.domain.net.Widening;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders one target's files from a plan. Pure, given the template engine: same plan, same bytes. */
public final class Generator {
    private Generator() {}

    /**
     * @param form the target's own part of the view ({@link TargetView#NONE} for a target of
     *             templates alone)
     */
    public static Generated generate(
            TargetSpec spec, TargetView form, Plan plan, Map<String, String> options, TemplateEngine engine) {
        ViewBuilder vb = new ViewBuilder(spec, form, plan, spec.resolve(options));
        Map<String, Object> view = vb.build();
        List<GeneratedFile> files = new ArrayList<>();
        Set<String> beyond = new LinkedHashSet<>();
        for (TargetSpec.Output out : spec.outputs()) {
            if (out.scope() == TargetSpec.Scope.ALL) {
                files.add(render(spec, out.name(), out.template(), view, vb, plan, engine, beyond));
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> groups = (List<Map<String, Object>>) view.get("categories");
                for (Map<String, Object> g : groups) {
                    Map<String, Object> scoped = new LinkedHashMap<>(view);
                    scoped.put("group", g);
                    String name = out.name().replace("{category}", (String) g.get("categoryLower"));
                    files.add(render(spec, name, out.template(), scoped, vb, plan, engine, beyond));
                }
            }
        }
        if (!beyond.isEmpty()) {
            throw new LimitException(List.copyOf(beyond));
        }
        List<Item> hostnames = plan.selected().items().stream()
                .filter(i -> i.entry() instanceof Entry.Host h && spec.hosts().refuse(h.host()) == null)
                .toList();
        return new Generated(
                spec, files, vb.notExpressed(), plan.limits(), plan.selected().notes(), hostnames);
    }

    /**
     * One file. When the plan summarised some list, the file is rendered a second time with a
     * header stating what summarising did to the lists the first rendering wrote into it, so the
     * figure in a file is always the figure of that file. A file that would hold a list no summary
     * fits within the limits is refused: why goes to {@code beyond}.
     */
    private static GeneratedFile render(
            TargetSpec spec,
            String name,
            String template,
            Map<String, Object> view,
            ViewBuilder vb,
            Plan plan,
            TemplateEngine engine,
            Set<String> beyond) {
        vb.startFile();
        String text = engine.render(spec.id(), template, view);
        beyond.addAll(vb.beyondLimits());
        List<Widening> widenings = plan.summarised() ? vb.widenings() : List.of();
        if (!widenings.isEmpty()) {
            Map<String, Object> stated = new LinkedHashMap<>(view);
            stated.put("header", vb.header(widenings));
            text = engine.render(spec.id(), template, stated);
        }
        return file(name, text, widenings);
    }

    /** LF line ends and one final newline, whatever the template does. */
    private static GeneratedFile file(String name, String text, List<Widening> widenings) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        if (!t.endsWith("\n")) {
            t += "\n";
        }
        return new GeneratedFile(name, t.getBytes(StandardCharsets.UTF_8), widenings);
    }
}
