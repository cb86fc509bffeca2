package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PAC's two lists ({@code pac}), as Microsoft's PAC generator makes them: hostnames of the
 * direct categories (option {@code type} 1: Optimize; 2: Optimize and Allow), and the
 * exceptions, hostnames of the other categories that a direct wildcard would otherwise send
 * direct.
 */
public final class PacView implements TargetView {
    @Override
    public Set<String> keys() {
        return Set.of("pac");
    }

    @Override
    public void view(Map<String, Object> view, Plan plan, TargetSpec spec, Map<String, String> options) {
        Set<String> direct = "2".equals(options.get("type"))
                ? Set.of(Category.OPTIMIZE.name(), Category.ALLOW.name())
                : Set.of(Category.OPTIMIZE.name());
        List<HostPattern> directHosts = new ArrayList<>();
        List<HostPattern> otherHosts = new ArrayList<>();
        for (Group g : plan.categories()) {
            for (HostPattern h : g.hosts()) {
                if (spec.hosts().refuse(h) == null) {
                    (direct.contains(g.category().name()) ? directHosts : otherHosts).add(h);
                }
            }
        }
        List<HostPattern> exceptions = new ArrayList<>();
        Covering wildcards = new Covering(directHosts);
        for (HostPattern o : otherHosts) {
            if (wildcards.coversOther(o)) {
                exceptions.add(o);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direct", patterns(directHosts));
        m.put("exceptions", patterns(exceptions));
        m.put("hasDirect", !directHosts.isEmpty());
        m.put("hasExceptions", !exceptions.isEmpty());
        m.put("directCategories", direct.size() == 1 ? "Optimize" : "Optimize and Allow");
        view.put("pac", m);
    }

    /** Sorted, each once, as {@code {pattern}}. */
    private static List<Map<String, Object>> patterns(List<HostPattern> hosts) {
        return Views.values(
                "pattern",
                hosts.stream().sorted().distinct().map(HostPattern::pattern).toList());
    }
}
