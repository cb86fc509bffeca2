package io.github.o365watch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JMH's JSON result as the Markdown table docs/performance.md shows: per benchmark and parameter,
 * the median of the measured iterations and their minimum and maximum.
 *
 * <pre>java ... io.github.o365watch.bench.JmhSummary target/jmh/result.json</pre>
 */
public final class JmhSummary {
    private JmhSummary() {}

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        System.out.println("| benchmark | size | median | min | max | unit | iterations |");
        System.out.println("| --- | --- | ---: | ---: | ---: | --- | ---: |");
        for (JsonNode r : results) {
            String name = r.path("benchmark").asText().replace("io.github.o365watch.bench.", "");
            String params = r.path("params").isMissingNode()
                    ? "real"
                    : r.path("params").path("sets").asText() + " sets";
            JsonNode m = r.path("primaryMetric");
            List<Double> all = new ArrayList<>();
            m.path("rawData").forEach(fork -> fork.forEach(v -> all.add(v.asDouble())));
            all.sort(null);
            double median = all.size() % 2 == 1
                    ? all.get(all.size() / 2)
                    : (all.get(all.size() / 2 - 1) + all.get(all.size() / 2)) / 2;
            System.out.println(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %d |",
                    name,
                    params,
                    fmt(median),
                    fmt(all.get(0)),
                    fmt(all.get(all.size() - 1)),
                    m.path("scoreUnit").asText(),
                    all.size()));
        }
    }

    private static String fmt(double v) {
        return v >= 100
                ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
