package io.github.o365watch.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders one target's files from a plan. Pure, given the template engine: same plan, same bytes. */
public final class Generator {
    private Generator() {}

    public static Generated generate(TargetSpec spec, Plan plan, Map<String, String> options, TemplateEngine engine) {
        ViewBuilder vb = new ViewBuilder(spec, plan, spec.resolve(options));
        Map<String, Object> view = vb.build();
        List<GeneratedFile> files = new ArrayList<>();
        for (TargetSpec.Output out : spec.outputs()) {
            if (out.scope() == TargetSpec.Scope.ALL) {
                files.add(file(out.name(), engine.render(spec.id(), out.template(), view)));
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> groups = (List<Map<String, Object>>) view.get("categories");
                for (Map<String, Object> g : groups) {
                    Map<String, Object> scoped = new LinkedHashMap<>(view);
                    scoped.put("group", g);
                    String name = out.name().replace("{category}", (String) g.get("categoryLower"));
                    files.add(file(name, engine.render(spec.id(), out.template(), scoped)));
                }
            }
        }
        return new Generated(spec, files, vb.notExpressed(), plan.extraAddresses(), plan.selected().notes());
    }

    /** LF line ends and one final newline, whatever the template does. */
    private static GeneratedFile file(String name, String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        if (!t.endsWith("\n")) {
            t += "\n";
        }
        return new GeneratedFile(name, t.getBytes(StandardCharsets.UTF_8));
    }
}
