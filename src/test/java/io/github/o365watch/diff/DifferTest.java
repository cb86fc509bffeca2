package io.github.o365watch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differ against an independent computation on every consecutive pair of published versions:
 * the raw JSON read with plain collections, ports expanded to single numbers.
 */
class DifferTest {

    static Stream<Arguments> consecutivePairs() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String instance : List.of("Worldwide", "USGovDoD")) {
            List<String> v = Fixtures.versions(instance);
            for (int i = 1; i < v.size(); i++) {
                b.add(Arguments.of(instance, v.get(i - 1), v.get(i)));
            }
        }
        return b.build();
    }

    /** set id -> "ip:x", "url:x", "tcp:443", "udp:3478" exactly as published (lower-cased URLs). */
    @SuppressWarnings("unchecked")
    static Map<Integer, Set<String>> plain(String instance, String version) throws Exception {
        String json = new String(Fixtures.endpoints(instance, version), StandardCharsets.UTF_8);
        List<Map<String, Object>> sets = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, List.class);
        Map<Integer, Set<String>> out = new HashMap<>();
        for (Map<String, Object> s : sets) {
            Set<String> items = new HashSet<>();
            for (Object ip : (List<Object>) s.getOrDefault("ips", List.of())) {
                items.add("ip:" + canonical(ip.toString()));
            }
            for (Object url : (List<Object>) s.getOrDefault("urls", List.of())) {
                items.add("url:" + url.toString().toLowerCase());
            }
            for (String proto : List.of("tcp", "udp")) {
                Object ports = s.get(proto + "Ports");
                if (ports != null) {
                    for (String p : ports.toString().split(",")) {
                        String[] r = p.strip().split("-");
                        int from = Integer.parseInt(r[0].strip());
                        int to = r.length > 1 ? Integer.parseInt(r[1].strip()) : from;
                        for (int x = from; x <= to; x++) {
                            items.add(proto + ":" + x);
                        }
                    }
                }
            }
            out.put((Integer) s.get("id"), items);
        }
        return out;
    }

    /** IPv6 as published may be written differently from the canonical form; java.net normalises it. */
    static String canonical(String prefix) throws Exception {
        String[] parts = prefix.split("/");
        if (!parts[0].contains(":")) {
            return prefix;
        }
        byte[] b = io.github.o365watch.testing.Addresses.literal(parts[0]);
        return java.util.HexFormat.of().formatHex(b) + "/" + parts[1];
    }

    static Set<String> flatten(ElementChange e) throws Exception {
        Set<String> out = new HashSet<>();
        switch (e.element().type()) {
            case IPV4, IPV6 -> out.add("ip:" + canonical(e.element().value()));
            case URL -> out.add("url:" + e.element().value());
            default -> {
                Element.Port p = (Element.Port) e.element();
                for (int x = p.range().from(); x <= p.range().to(); x++) {
                    out.add((p.udp() ? "udp:" : "tcp:") + x);
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("consecutivePairs")
    void elementDeltasPerSetEqualAPlainSetDifference(String instance, String from, String to) throws Exception {
        ChangeSet c = Differ.diff(Fixtures.snapshot(instance, from), Fixtures.snapshot(instance, to));
        Map<Integer, Set<String>> a = plain(instance, from);
        Map<Integer, Set<String>> b = plain(instance, to);
        Set<Integer> ids = new TreeSet<>(a.keySet());
        ids.addAll(b.keySet());

        Map<Integer, Set<String>> added = new HashMap<>();
        Map<Integer, Set<String>> removed = new HashMap<>();
        for (ElementChange e : c.elements()) {
            (e.direction() == ElementChange.Direction.ADDED ? added : removed)
                    .computeIfAbsent(e.setId(), k -> new HashSet<>())
                    .addAll(flatten(e));
        }
        for (int id : ids) {
            Set<String> was = a.getOrDefault(id, Set.of());
            Set<String> is = b.getOrDefault(id, Set.of());
            Set<String> plus = new HashSet<>(is);
            plus.removeAll(was);
            Set<String> minus = new HashSet<>(was);
            minus.removeAll(is);
            assertThat(added.getOrDefault(id, Set.of())).as("set %d added", id).isEqualTo(plus);
            assertThat(removed.getOrDefault(id, Set.of()))
                    .as("set %d removed", id)
                    .isEqualTo(minus);
        }
        assertThat(c.sets()).extracting(SetChange::id).doesNotHaveDuplicates().isSorted();
        assertThat(c.sets().stream().filter(s -> s instanceof SetChange.Added).map(SetChange::id))
                .containsExactlyElementsOf(b.keySet().stream()
                        .filter(id -> !a.containsKey(id))
                        .sorted()
                        .toList());
        assertThat(c.sets().stream().filter(s -> s instanceof SetChange.Removed).map(SetChange::id))
                .containsExactlyElementsOf(a.keySet().stream()
                        .filter(id -> !b.containsKey(id))
                        .sorted()
                        .toList());
    }

    /** Hostnames listed, unlisted and moved, in order, against two sorted maps of the raw JSON's URLs. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("consecutivePairs")
    void hostChangesEqualAPlainWalkOfTwoSortedMaps(String instance, String from, String to) throws Exception {
        TreeMap<String, List<Integer>> a = hostSets(plain(instance, from));
        TreeMap<String, List<Integer>> b = hostSets(plain(instance, to));
        List<String> listed = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        b.forEach((h, ids) -> {
            if (!a.containsKey(h)) {
                listed.add(h);
            } else if (!a.get(h).equals(ids)) {
                moved.add(h + " " + a.get(h) + " -> " + ids);
            }
        });
        List<String> unlisted =
                a.keySet().stream().filter(h -> !b.containsKey(h)).toList();

        HostChanges c = Differ.diff(Fixtures.snapshot(instance, from), Fixtures.snapshot(instance, to))
                .hosts();

        assertThat(c.listed()).extracting(Object::toString).containsExactlyElementsOf(listed);
        assertThat(c.unlisted()).extracting(Object::toString).containsExactlyElementsOf(unlisted);
        assertThat(c.moved())
                .extracting(m -> m.host() + " " + m.fromSets() + " -> " + m.toSets())
                .containsExactlyElementsOf(moved);
    }

    private static TreeMap<String, List<Integer>> hostSets(Map<Integer, Set<String>> plain) {
        TreeMap<String, List<Integer>> out = new TreeMap<>();
        new TreeMap<>(plain)
                .forEach((id, items) -> items.stream()
                        .filter(i -> i.startsWith("url:"))
                        .forEach(i -> out.computeIfAbsent(i.substring(4), k -> new ArrayList<>())
                                .add(id)));
        return out;
    }

    @Test
    void identicalVersionsHaveNoDifferences() {
        Snapshot s = Fixtures.snapshot("Worldwide", "2019093000");
        ChangeSet c = Differ.diff(
                s, new Snapshot(s.instance(), io.github.o365watch.domain.Version.parse("2019093001"), s.sets()));
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.addresses().addressSpaceChanged()).isFalse();
        assertThat(c.hosts().listed()).isEmpty();
    }

    @Test
    void aPrefixMovedToAnotherSetOrReSplitIsNotAnAddressChange() {
        Snapshot before = Fixtures.snapshot("Worldwide", "2019093000");
        EndpointSet s11 = before.set(11).orElseThrow(); // 13.107.64.0/18, 52.112.0.0/14
        EndpointSet s12 = before.set(12).orElseThrow();
        EndpointSet moved = Sets.with(s11, List.of("13.107.64.0/18", "52.112.0.0/15", "52.114.0.0/15"), s11.urls());
        EndpointSet gone = Sets.with(s12, List.of(), s12.urls());
        Snapshot after = Sets.replace(before, moved, gone);

        ChangeSet c = Differ.diff(before, after);

        assertThat(c.addresses().addressSpaceChanged())
                .as("every address is still listed")
                .isFalse();
        assertThat(c.addresses().alreadyListed())
                .extracting(e -> e.element().value())
                .containsExactly("52.112.0.0/15", "52.114.0.0/15");
        assertThat(c.addresses().stillListed())
                .extracting(e -> e.setId() + " " + e.element().value())
                .contains("11 52.112.0.0/14", "12 52.112.0.0/14");
    }

    @Test
    void hostnamesListedUnlistedAndMoved() {
        ChangeSet c =
                Differ.diff(Fixtures.snapshot("Worldwide", "2019082800"), Fixtures.snapshot("Worldwide", "2019093000"));
        assertThat(c.hosts().unlisted()).extracting(Object::toString).contains("cus-000.tasks.osi.office.net");
        assertThat(c.addresses().listed().prefixes())
                .extracting(Object::toString)
                .contains("2603:1020:600::1f0/128");
        assertThat(c.byCategory()).containsKey(io.github.o365watch.domain.Category.OPTIMIZE);
    }
}
