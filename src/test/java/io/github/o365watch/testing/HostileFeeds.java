package io.github.o365watch.testing;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.RawChangeRecord;
import io.github.o365watch.domain.RawEndpointSet;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSetTest;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.LocalEntry;
import io.github.o365watch.render.Overrides;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of feeds as a hostile or broken upstream could publish them: random but valid
 * values in the fields that are validated, with now and then hostile text instead (validation
 * must refuse it), and hostile text in every free-text field (display names, notes, change
 * record attributes, local override comments), which must reach outputs only harmlessly.
 */
public final class HostileFeeds {
    /** Fragments that end a comment, a line, a string or a tag in one of the formats o365watch writes. */
    public static final List<String> NASTY = List.of(
            "\n",
            "\r\n",
            "\r",
            "\"",
            "'",
            ";",
            "`",
            "$(rm -rf /)",
            "*/",
            "/*",
            "-->",
            "<!--",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(2)>",
            "</td></tr></table>",
            "\" onload=\"x",
            "' x='",
            "\\",
            "{{header}}",
            "{{{raw}}}",
            "{",
            "}",
            "#",
            "!",
            "\u2028",
            "\u2029",
            "\u0085",
            "\u202e",
            "\u200b",
            "\ufeff",
            "\t",
            "\u0000",
            "\u0007",
            "\u001b[2J",
            "\u007f",
            "\ud800",
            "\udc00",
            "\ufffe",
            "\u00e9t\u00e9",
            "\ud83d\ude00",
            "&amp;",
            "&lt;",
            "&#60;",
            "&",
            "<",
            ">",
            "]]>",
            "%n%s",
            "=HYPERLINK(\"x\")",
            "| a | b |",
            "[x](javascript:y)",
            "\nset system root-authentication plain-text-password",
            "\nflush ruleset",
            "\n-A INPUT -j ACCEPT",
            "\nacl all src all",
            "\nserver=/#/8.8.8.8",
            "\n}) { return \"DIRECT\"; } if (",
            "\"]}, {\"name\": \"x",
            "end\nconfig system admin",
            "\nexit\nconfigure terminal",
            "\nCOMMIT\n*nat");

    private HostileFeeds() {}

    /** Free text: fragments above, ASCII and any code points, joined. */
    public static Gen<String> text() {
        Gen<String> fragment = Generate.frequency(
                Pair.of(5, Generate.pick(NASTY)),
                Pair.of(2, strings().ascii().ofLengthBetween(0, 12)),
                Pair.of(2, strings().allPossible().ofLengthBetween(0, 6)),
                Pair.of(1, strings().basicLatinAlphabet().ofLengthBetween(1, 20)));
        return lists().of(fragment).ofSizeBetween(0, 5).map(l -> String.join("", l));
    }

    /** A value as a failure report shows it: anything but printable ASCII as a Java escape, so a report cannot garble the terminal. */
    public static String escaped(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    /** A valid value nineteen times in twenty, otherwise hostile text. */
    public static Gen<String> mostly(Gen<String> valid) {
        return Generate.frequency(Pair.of(19, valid), Pair.of(1, text()));
    }

    public static Gen<String> serviceArea() {
        return mostly(Generate.pick(
                List.of("Exchange", "Skype", "Common", "SharePoint", "MEM", "exchange", "Teams1", "Teams2")));
    }

    public static Gen<String> category() {
        return mostly(
                Generate.pick(List.of("Optimize", "Allow", "Default", "optimize", "Quarantine_1", "Quarantine_2")));
    }

    public static Gen<String> ports() {
        return mostly(
                Generate.pick(List.of("", "443", "80,443", "80,443,50000-59999", "3478-3481", "25,587", "1-65535")));
    }

    /** Host patterns of every form Microsoft uses, some of which a target cannot express. */
    public static Gen<String> host() {
        Gen<String> base =
                integers().between(0, 40).zip(integers().between(0, 2), (h, d) -> "h" + h + ".example" + d + ".com");
        Gen<String> valid = base.zip(integers().between(0, 4), (b, form) -> switch (form) {
            case 0 -> b;
            case 1 -> "*." + b;
            case 2 -> "*x" + b;
            case 3 -> "autodiscover.*." + b;
            default -> "x" + b.length() % 5 + ".example.com";
        });
        return mostly(valid);
    }

    /** A prefix from the generator of the set tests (overlapping, nested, touching), as the feed writes it. */
    public static Gen<IpPrefix> prefix() {
        return longs().all()
                .zip(
                        Generate.booleans(),
                        (seed, v4) -> PrefixSetTest.random(new Random(seed), v4 ? Family.IPV4 : Family.IPV6));
    }

    public static Gen<String> ip() {
        return mostly(prefix().map(IpPrefix::toString));
    }

    /** A boolean, now and then missing (which validation refuses). */
    static Gen<Boolean> flag() {
        return Generate.frequency(Pair.of(19, Generate.booleans()), Pair.of(1, Generate.constant((Boolean) null)));
    }

    /** One raw endpoint set; its id is given by {@link #rawSets}. */
    static Gen<RawEndpointSet> rawSet() {
        Gen<List<String>> urls = lists().of(host()).ofSizeBetween(0, 4);
        Gen<List<String>> ips = lists().of(ip()).ofSizeBetween(0, 4);
        Gen<String> tcp = ports();
        Gen<String> udp = ports();
        Gen<Pair<String, String>> areaAndCategory = serviceArea().zip(category(), Pair::of);
        Gen<Pair<String, String>> freeText = text().zip(text(), Pair::of);
        Gen<Pair<Boolean, Boolean>> flags = flag().zip(flag(), Pair::of);
        return urls.zip(
                ips,
                tcp.zip(udp, Pair::of),
                areaAndCategory,
                freeText.zip(flags, Pair::of),
                (u, i, p, ac, tf) ->
                        new RawEndpointSet(0, ac._1, tf._1._1, u, i, p._1, p._2, tf._2._1, ac._2, tf._2._2, tf._1._2));
    }

    /** One to six raw sets with ids 1, 2, ... */
    public static Gen<List<RawEndpointSet>> rawSets() {
        return lists().of(rawSet()).ofSizeBetween(1, 6).map(HostileFeeds::numbered);
    }

    private static List<RawEndpointSet> numbered(List<RawEndpointSet> sets) {
        List<RawEndpointSet> out = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            RawEndpointSet r = sets.get(i);
            out.add(new RawEndpointSet(
                    i + 1,
                    r.serviceArea(),
                    r.serviceAreaDisplayName(),
                    r.urls(),
                    r.ips(),
                    r.tcpPorts(),
                    r.udpPorts(),
                    r.expressRoute(),
                    r.category(),
                    r.required(),
                    r.notes()));
        }
        return out;
    }

    /** The sets that pass validation, as {@code fetch} would store them; validation may refuse only with InvalidDataException. */
    public static List<EndpointSet> valid(List<RawEndpointSet> raw) {
        List<EndpointSet> out = new ArrayList<>();
        for (RawEndpointSet r : raw) {
            try {
                out.add(EndpointSet.parse(r));
            } catch (InvalidDataException e) {
                // refused at the border: the property is about what gets through
            }
        }
        return out;
    }

    /** Local overrides: valid entries, hostile comments. */
    public static Gen<Overrides> overrides() {
        Gen<Entry> entry = Generate.booleans()
                .zip(
                        prefix(),
                        integers().between(0, 40),
                        (isIp, p, h) -> isIp
                                ? new Entry.Ip(p)
                                : new Entry.Host(
                                        HostPattern.parse((h % 3 == 0 ? "*." : "") + "h" + h + ".example0.com")));
        Gen<LocalEntry> local = entry.zip(
                Generate.pick(List.of(Category.OPTIMIZE, Category.ALLOW, Category.DEFAULT)),
                Generate.pick(List.of("443", "80,443", "")),
                text(),
                (e, c, tcp, comment) -> new LocalEntry(e, c, PortSet.parse(tcp), PortSet.EMPTY, comment));
        return lists().of(local).ofSizeBetween(0, 2).zip(lists().of(local).ofSizeBetween(0, 2), Overrides::new);
    }

    /**
     * Change records for the sets of a feed: additions and removals of valid values, attributes
     * before and after as free text (hostile), keys now and then hostile (validation refuses them).
     */
    public static Gen<List<RawChangeRecord>> rawChanges(String version) {
        Gen<Map<String, Object>> attrs = lists().of(
                        mostly(Generate.pick(List.of("notes", "serviceAreaDisplayName", "category", "required")))
                                .zip(text(), Pair::of))
                .ofSizeBetween(0, 2)
                .map(l -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    l.forEach(p -> m.put(p._1, p._2));
                    return m.isEmpty() ? null : m;
                });
        Gen<RawChangeRecord> record = integers()
                .between(1, 6)
                .zip(
                        attrs,
                        attrs,
                        lists().of(ip()).ofSizeBetween(0, 2),
                        lists().of(host()).ofSizeBetween(0, 2),
                        (set, before, after, ips, urls) -> new RawChangeRecord(
                                0,
                                set,
                                "Change",
                                ips.isEmpty() && urls.isEmpty() ? null : "AddedIpAndUrl",
                                version,
                                before,
                                after,
                                ips.isEmpty() && urls.isEmpty() ? null : new RawChangeRecord.Add("20261201", ips, urls),
                                null));
        return lists().of(record).ofSizeBetween(0, 4).map(l -> {
            List<RawChangeRecord> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                RawChangeRecord r = l.get(i);
                out.add(new RawChangeRecord(
                        1000 + i,
                        r.endpointSetId(),
                        r.disposition(),
                        r.impact(),
                        r.version(),
                        r.previous(),
                        r.current(),
                        r.add(),
                        r.remove()));
            }
            return out;
        });
    }
}
