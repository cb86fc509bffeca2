package io.github.o365watch.inspect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * FortiOS CLI: the address objects of {@code config firewall address}, {@code address6} and
 * {@code wildcard-fqdn custom} ({@code set subnet}, {@code set ip6}, {@code set start-ip} and
 * {@code end-ip}, {@code set fqdn}, {@code set wildcard-fqdn}). Groups, policies and comments name
 * objects and are not read; {@code edit} names never are.
 */
final class FortiReader {
    /** One {@code set} of the object being read, kept until its {@code next} says its type. */
    private record Pending(String key, List<String> values, int line) {}

    private final EntryCollector sink;
    private final Deque<String> configs = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();
    private String type;

    private FortiReader(EntryCollector sink) {
        this.sink = sink;
    }

    static void read(String content, EntryCollector sink) {
        FortiReader r = new FortiReader(sink);
        TokenScanner.lines(content, sink, r::line);
        r.flush();
    }

    private void line(String line, int n) {
        String s = TokenScanner.lead(line);
        if (s.isEmpty() || s.startsWith("#")) {
            return;
        }
        List<String> w = TokenScanner.words(s);
        switch (w.get(0)) {
            case "config" -> {
                flush();
                configs.push(String.join(" ", w.subList(1, w.size())));
            }
            case "end" -> {
                flush();
                configs.poll();
            }
            case "edit", "next" -> flush();
            case "set" -> {
                if (w.size() >= 3 && addressConfig()) {
                    if (w.get(1).equals("type")) {
                        type = w.get(2);
                    } else {
                        pending.add(new Pending(w.get(1), List.copyOf(w.subList(2, Math.min(w.size(), 4))), n));
                        if (pending.size() > 1000) {
                            flush(); // no object has this many settings: keep memory bounded
                        }
                    }
                }
            }
            default -> {
                // unset, append, get...: nothing listed
            }
        }
    }

    private boolean addressConfig() {
        String c = configs.peek();
        return c != null
                && (c.equals("firewall address")
                        || c.equals("firewall address6")
                        || c.equals("firewall wildcard-fqdn custom"));
    }

    /**
     * Reads the object just closed. Only the settings of its type count ({@code show
     * full-configuration} prints defaults of the others); an object without a type is read whole.
     */
    private void flush() {
        String start = null;
        String end = null;
        int startLine = 0;
        for (Pending p : pending) {
            if (!fits(p.key())) {
                continue;
            }
            String v = p.values().get(0);
            int n = p.line();
            switch (p.key()) {
                case "subnet" -> {
                    if (p.values().size() > 1) {
                        sink.netmask(v, p.values().get(1), v + " " + p.values().get(1), n);
                    } else {
                        sink.prefix(v, n);
                    }
                }
                case "ip6" -> sink.prefix(v, n);
                case "start-ip" -> {
                    start = v;
                    startLine = n;
                }
                case "end-ip" -> end = v;
                case "fqdn", "wildcard-fqdn" -> sink.hostname(v, v, n);
                case "wildcard" -> sink.problem(n, v, "a wildcard (non-contiguous) mask is not read");
                default -> {
                    // comment, associated-interface, color...: not entries
                }
            }
        }
        if (start != null && end != null) {
            sink.range(start, end, start + "-" + end, startLine);
        } else if (start != null) {
            sink.problem(startLine, start, "a range without its end-ip");
        }
        pending.clear();
        type = null;
    }

    private boolean fits(String key) {
        if (type == null) {
            return true;
        }
        return switch (key) {
            case "subnet" -> type.equals("ipmask");
            case "ip6" -> type.equals("ipprefix");
            case "start-ip", "end-ip" -> type.equals("iprange");
            case "fqdn" -> type.equals("fqdn");
            case "wildcard-fqdn" -> type.equals("wildcard-fqdn");
            case "wildcard" -> type.equals("wildcard");
            default -> false;
        };
    }

    /** A line of FortiOS configuration. */
    static boolean signature(String s) {
        return Detector.startsAny(s, "config firewall ", "config system ", "config vdom");
    }
}
