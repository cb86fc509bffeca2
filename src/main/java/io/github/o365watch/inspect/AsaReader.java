package io.github.o365watch.inspect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cisco ASA: what {@code object network} objects ({@code host}, {@code subnet}, {@code range},
 * {@code fqdn}) and {@code object-group network} groups ({@code network-object}) hold, and the
 * destination of {@code access-list ... extended permit} lines when written inline. Object names,
 * descriptions and remarks are never read as entries; {@code name} aliases are resolved.
 */
final class AsaReader {
    private enum Context {
        NONE,
        OBJECT,
        GROUP
    }

    private final EntryCollector sink;
    private final Map<String, String> names = new HashMap<>();
    private Context context = Context.NONE;

    private AsaReader(EntryCollector sink) {
        this.sink = sink;
    }

    static void read(String content, EntryCollector sink) {
        AsaReader r = new AsaReader(sink);
        TokenScanner.lines(content, sink, r::line);
    }

    private void line(String line, int n) {
        String s = TokenScanner.lead(line);
        if (s.isEmpty()) {
            return;
        }
        boolean indented = s.length() < line.length();
        if (s.startsWith("!") || s.startsWith(":")) {
            context = indented ? context : Context.NONE;
            return;
        }
        List<String> w = TokenScanner.words(s);
        if (!indented) {
            context = Context.NONE;
            String second = w.size() > 1 ? w.get(1) : "";
            if (w.get(0).equals("object") && second.equals("network")) {
                context = Context.OBJECT;
            } else if (w.get(0).equals("object-group") && second.equals("network")) {
                context = Context.GROUP;
            } else if (w.get(0).equals("name") && w.size() >= 3 && TokenScanner.addressLike(second)) {
                names.put(w.get(2), second);
            } else if (w.get(0).equals("access-list")) {
                accessList(w, n);
            }
            // interfaces, routes, NAT and the rest hold no listed destinations
            return;
        }
        if (context == Context.OBJECT) {
            object(w, n);
        } else if (context == Context.GROUP && w.get(0).equals("network-object")) {
            spec(w, 1, true, n);
        }
    }

    private void object(List<String> w, int n) {
        String kind = w.get(0);
        if (kind.equals("host") && w.size() >= 2) {
            host(w.get(1), n);
        } else if (kind.equals("subnet") && w.size() >= 2) {
            spec(w, 1, true, n);
        } else if (kind.equals("range") && w.size() >= 3) {
            String a = resolve(w.get(1), n);
            String b = resolve(w.get(2), n);
            if (a != null && b != null) {
                sink.range(a, b, w.get(1) + " " + w.get(2), n);
            }
        } else if (kind.equals("fqdn") && w.size() >= 2) {
            String host = w.get(w.size() - 1);
            sink.hostname(host, "fqdn " + host, n);
        }
    }

    /**
     * Reads (or, with {@code read} false, steps over) one address spec at {@code i}:
     * {@code host A}, {@code A MASK}, {@code A/len}, or a name ({@code any}, {@code object N},
     * {@code object-group N}, {@code interface N}) that lists nothing inline.
     *
     * @return the index after the spec
     */
    private int spec(List<String> w, int i, boolean read, int n) {
        if (i >= w.size()) {
            return i;
        }
        String t = w.get(i);
        switch (t) {
            case "any", "any4", "any6" -> {
                return i + 1;
            }
            case "object", "object-group", "interface" -> {
                return i + 2;
            }
            case "host" -> {
                if (read && i + 1 < w.size()) {
                    host(w.get(i + 1), n);
                }
                return i + 2;
            }
            default -> {
                if (t.indexOf('/') > 0 || t.indexOf(':') >= 0) {
                    if (read) {
                        sink.prefix(t, n);
                    }
                    return i + 1;
                }
                if (i + 1 < w.size() && TokenScanner.addressLike(w.get(i + 1))) {
                    String a = read ? resolve(t, n) : null;
                    if (a != null) {
                        sink.netmask(a, w.get(i + 1), t + " " + w.get(i + 1), n);
                    }
                    return i + 2;
                }
                if (read) {
                    sink.problem(n, String.join(" ", w), "address without a netmask or length");
                }
                return i + 1;
            }
        }
    }

    private void host(String t, int n) {
        String a = resolve(t, n);
        if (a != null) {
            sink.prefix(a, n);
        }
    }

    /** An alias from a {@code name} command, or the text itself; null (and a problem) when it is neither an address nor a known alias. */
    private String resolve(String t, int n) {
        if (TokenScanner.addressLike(t)) {
            return t;
        }
        String a = names.get(t);
        if (a == null) {
            sink.problem(n, t, "a name not defined by a 'name' command before this line");
        }
        return a;
    }

    /** {@code access-list ID [line N] extended permit PROTO SRC [SRC-PORT] DST ...}: the inline DST. Deny and inactive lines list nothing. */
    private void accessList(List<String> w, int n) {
        int j = w.indexOf("extended");
        if (j < 0 || j + 2 >= w.size() || !w.get(j + 1).equals("permit") || w.contains("inactive")) {
            return;
        }
        j += 2;
        j += w.get(j).equals("object") || w.get(j).equals("object-group") ? 2 : 1;
        j = spec(w, j, false, n);
        if (j < w.size()) {
            String op = w.get(j);
            if (op.equals("eq") || op.equals("lt") || op.equals("gt") || op.equals("neq")) {
                j += 2;
            } else if (op.equals("range")) {
                j += 3;
            } else if (op.equals("object-group") && j + 2 < w.size() && startsSpec(w.get(j + 2))) {
                j += 2; // a source port group: the destination follows
            }
        }
        spec(w, j, true, n);
    }

    private static boolean startsSpec(String t) {
        return switch (t) {
            case "any", "any4", "any6", "host", "object", "interface" -> true;
            default -> TokenScanner.addressLike(t);
        };
    }

    /** A line of an ASA configuration. */
    static boolean signature(String s) {
        return Detector.startsAny(
                        s,
                        "object-group network ",
                        "object network ",
                        "network-object ",
                        "ASA Version",
                        "fqdn v4 ",
                        "fqdn v6 ")
                || s.startsWith("access-list ") && s.contains(" extended ");
    }
}
