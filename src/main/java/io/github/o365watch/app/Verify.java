package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.inspect.ConfigFormat;
import io.github.o365watch.inspect.ConfigReader;
import io.github.o365watch.inspect.Listed;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.HostSupport;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.source.PublicSuffixList;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares deployed configurations with a selection: what the selection holds that the files do
 * not permit (missing), what no file's format can hold (not expressible: hostnames in an
 * nftables file, addresses in a PAC file; said apart, never missing), what the files list that no
 * Microsoft endpoint set holds (extra), and how much of each category the files cover. Reads the
 * files' entries, not their rule semantics.
 */
public final class Verify {
    /** Deployed files larger than this are refused: an exported config is far smaller. */
    static final long MAX_FILE_BYTES = 64L << 20;

    /** Formats are read by the bundled readers, so their capabilities are the bundled targets' (never a templates directory's). */
    private static final TemplateEngine BUNDLED = Generate.engine(Optional.empty());

    private final Workspace ws;

    public Verify(Workspace ws) {
        this.ws = ws;
    }

    /**
     * @param snapshot the version's snapshot, as loaded to build the selection
     * @param format    the files' format ({@code --input-format}: a format, or a target of the
     *                  templates directory), or empty to recognise each file's
     * @param guard     the guard's limits: a file entry broader than its prefix lengths is a catch-all
     * @param only      what the files hold, when the user says so ({@code --addresses-only}, {@code --hostnames-only})
     * @param templates a templates directory whose own targets' files are read too (by the format
     *                  each names with {@code verify=}); the bundled targets are read as bundled
     */
    public record Request(
            StoredVersion version,
            Snapshot snapshot,
            Selection selection,
            List<Path> files,
            Optional<String> format,
            Config.GuardConfig guard,
            Optional<Only> only,
            Optional<Path> templates) {}

    /**
     * How a file is read: the id verify names it by (a format, or a target of the templates
     * directory), the format its entries are read as, and what that target declares it can hold.
     */
    public record Reading(String id, ConfigFormat format, Holds declared) {}

    /** One kind of entry the user says the files hold, the other left out of the comparison. */
    public enum Only {
        ADDRESSES("--addresses-only"),
        HOSTNAMES("--hostnames-only");

        private final String option;

        Only(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /**
     * What a file can hold: its format's declaration ({@code target.properties} of the target of
     * that name; plain text holds everything), widened by the kinds the file does list (a PAC file
     * with {@code isInNet} tests holds addresses) and narrowed by {@link Only}.
     */
    public record Holds(boolean ipv4, boolean ipv6, HostSupport hostnames, Optional<Only> only) {
        public boolean holds(Family f) {
            return f == Family.IPV4 ? ipv4 : ipv6;
        }

        /** For people: {@code IPv4, IPv6, exact hostnames}. */
        public String describe() {
            List<String> kinds = new ArrayList<>();
            if (ipv4) {
                kinds.add("IPv4");
            }
            if (ipv6) {
                kinds.add("IPv6");
            }
            switch (hostnames) {
                case NONE -> {}
                case EXACT -> kinds.add("exact hostnames");
                case SUBDOMAINS -> kinds.add("hostnames (* only as *.)");
                case LABELS -> kinds.add("hostnames (* only as a label)");
                case ANY -> kinds.add("hostnames");
            }
            String what = kinds.isEmpty() ? "nothing" : String.join(", ", kinds);
            return only.map(o -> what + " (" + o.option() + ")").orElse(what);
        }
    }

    /** One file as read. */
    public record FileRead(
            Path file, Reading format, Holds holds, int addresses, int hosts, List<Listed.Problem> problems) {}

    /** Where a selected entry comes from: its set, service area, category and ports. */
    public record Origin(int setId, String serviceArea, Category category, String ports) {}

    /** Selected address space or a host pattern the files do not permit. */
    public record Missing(String entry, boolean address, Category category, List<Origin> origins) {}

    /** Selected address space or a host pattern no file's format can hold, and why: said apart, not missing. */
    public record NotExpressible(
            String entry, boolean address, Category category, List<Origin> origins, String reason) {}

    /** A file entry no current endpoint set holds (or holds only in part). */
    public record Extra(Path file, int line, String entry, String detail) {}

    /**
     * How much of one category's selected addresses and hostnames the files cover: the counts
     * selected, whether some file's format holds each family, and how many hostnames none can
     * hold; a share is of what the formats can hold ({@code hosts - hostsNotExpressible}).
     */
    public record Coverage(
            Category category,
            BigInteger ipv4,
            BigInteger ipv4Covered,
            boolean ipv4Expressible,
            BigInteger ipv6,
            BigInteger ipv6Covered,
            boolean ipv6Expressible,
            int hosts,
            int hostsCovered,
            int hostsNotExpressible) {}

    /** {@code missing} decides the exit code; {@code notExpressible} never does. */
    public record Result(
            Instance instance,
            Version version,
            List<FileRead> files,
            List<Missing> missing,
            List<NotExpressible> notExpressible,
            List<Extra> extra,
            List<Coverage> coverage) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /**
     * Checks an {@code --input-format} before anything is read (a format, or a target of the
     * templates directory that names one with {@code verify=}).
     *
     * @throws UsageException naming the known ones
     */
    public static void checkFormat(String id, Optional<Path> templates) {
        new Readings(templates).named(id);
    }

    /** Reads the files, then compares them with the selection in named steps: missing, extra, coverage. */
    public Result run(Request r) {
        StoredVersion v = r.version();
        Optional<Snapshot> variant =
                r.selection().tenant().flatMap(t -> ws.store().tenantVariant(v, t));
        Selected selected = Selector.select(variant.orElse(r.snapshot()), r.selection(), variant.isPresent());
        Known microsoft = known(r.snapshot(), variant, selected);
        Read read = read(r, microsoft);
        Gaps gaps = gaps(selected, read);
        List<Extra> extra = extra(read, microsoft);
        List<Coverage> coverage = coverage(selected, read, gaps);
        if (!gaps.notExpressible().isEmpty()
                && gaps.missing().isEmpty()
                && coverage.stream()
                        .allMatch(x -> x.ipv4Covered().signum() == 0
                                && x.ipv6Covered().signum() == 0
                                && x.hostsCovered() == 0)) {
            // nothing compared at all: "complete" would say nothing about the device
            throw new UsageException("nothing selected can be held by "
                    + (read.files().size() == 1 ? "" : "any of ")
                    + listOf(r.files()) + " ("
                    + why(read.files(), x -> x.format().id() + ": " + x.holds().describe())
                    + "), so nothing was compared; choose a selection"
                    + " with entries of those kinds, or give the files that hold the others");
        }
        extra.addAll(0, read.catchAll());
        return new Result(
                v.instance(), v.version(), read.files(), gaps.missing(), gaps.notExpressible(), extra, coverage);
    }

    /** What Microsoft lists in this version, in any set or category, and the overrides' entries. */
    private record Known(List<IpPrefix> prefixes, List<HostPattern> hosts) {}

    private static Known known(Snapshot snapshot, Optional<Snapshot> variant, Selected selected) {
        List<IpPrefix> prefixes = new ArrayList<>();
        List<HostPattern> hosts = new ArrayList<>();
        for (EndpointSet s : variant.orElse(snapshot).sets()) {
            prefixes.addAll(s.ips());
            hosts.addAll(s.urls());
        }
        snapshot.sets().forEach(s -> hosts.addAll(s.urls()));
        selected.items().stream().filter(Item::fromOverride).forEach(i -> {
            if (i.entry() instanceof Entry.Ip ip) {
                prefixes.add(ip.prefix());
            } else if (i.entry() instanceof Entry.Host h) {
                hosts.add(h.host());
            }
        });
        return new Known(prefixes, hosts);
    }

    /**
     * The files as read: each file's format and what it can hold, the space and the names they
     * permit, every entry by its line, and the catch-alls left out of the comparison.
     */
    private record Read(
            List<FileRead> files,
            PrefixSet permitted,
            TreeSet<HostPattern> hosts,
            List<Located> located,
            List<Extra> catchAll,
            TreeSet<String> catchAllLines) {
        boolean covers(HostPattern h) {
            return hosts.stream().anyMatch(f -> f.covers(h));
        }
    }

    private static Read read(Request r, Known microsoft) {
        List<FileRead> reads = new ArrayList<>();
        List<IpPrefix> fileSpace = new ArrayList<>();
        TreeSet<HostPattern> fileHosts = new TreeSet<>();
        List<Located> located = new ArrayList<>();
        List<Extra> catchAll = new ArrayList<>();
        TreeSet<String> catchAllLines = new TreeSet<>();
        String reference = null;
        Readings readings = new Readings(r.templates());
        Optional<Reading> named = r.format().map(readings::named);
        for (Path f : r.files()) {
            String content = read(f);
            Reading format = named.orElseGet(() -> readings.detect(f, content));
            Listed l = ConfigReader.read(content, format.format());
            if (l.addresses().isEmpty() && l.hosts().isEmpty() && l.references().isEmpty()) {
                // compared as it stands, it would make every selected entry missing: the file was not read
                throw new UsageException(nothingRead(f, format, content, l));
            }
            Holds holds = holds(format.declared(), l, r.only());
            List<Listed.AddressEntry> addresses = holds.ipv4() || holds.ipv6() ? l.addresses() : List.of();
            List<Listed.HostEntry> hosts = holds.hostnames() == HostSupport.NONE ? List.of() : l.hosts();
            if (addresses.isEmpty() && hosts.isEmpty() && l.references().isEmpty()) {
                Only o = r.only().orElseThrow(); // the file lists entries, and only an option leaves them all out
                throw new UsageException(f + ": no " + (o == Only.ADDRESSES ? "address" : "hostname") + " read as "
                        + format.id() + " ("
                        + o.option() + " leaves out the "
                        + (o == Only.ADDRESSES
                                ? io.github.o365watch.domain.Plural.of(l.hosts().size(), "hostname", "hostnames")
                                : io.github.o365watch.domain.Plural.of(
                                        l.addresses().size(), "address", "addresses"))
                        + " in it)");
            }
            if (reference == null && !l.references().isEmpty()) {
                reference = f + " refers to lists it does not hold (line "
                        + l.references().get(0).line() + ": "
                        + l.references().get(0).text() + ")";
            }
            reads.add(new FileRead(
                    f, format, holds, l.addresses().size(), l.hosts().size(), l.problems()));
            for (Listed.AddressEntry a : addresses) {
                Optional<String> broad = broaderThanTheGuard(a.prefixes(), r.guard());
                if (broad.isPresent()) {
                    // 0.0.0.0/0 (FortiOS's "all", ASA's obj_any), or halves and quarters of the space:
                    // entries no endpoint set may hold, which would make any list look complete
                    catchAll.add(new Extra(f, a.line(), a.text(), broad.get()));
                    continue;
                }
                fileSpace.addAll(a.prefixes());
                located.add(new Located(f, a.line(), a.text(), a.prefixes(), null));
            }
            for (Listed.HostEntry h : hosts) {
                Optional<String> suffix = h.pattern().wildcardAcross(PublicSuffixList.BUNDLED);
                // Microsoft lists a few wildcards of a suffix in the list's private section (*.azureedge.net): those
                // are its own
                if (suffix.isPresent() && microsoft.hosts().stream().noneMatch(m -> m.covers(h.pattern()))) {
                    Located at = new Located(f, h.line(), h.text(), List.of(), h.pattern());
                    if (catchAllLines.add(at.key())) {
                        catchAll.add(new Extra(
                                f,
                                h.line(),
                                h.text(),
                                "matches every name under the public suffix " + suffix.get()
                                        + ": a catch-all, left out of the comparison"));
                    }
                    continue;
                }
                fileHosts.add(h.pattern());
                located.add(new Located(f, h.line(), h.text(), List.of(), h.pattern()));
            }
        }
        if (located.isEmpty() && catchAll.isEmpty()) {
            // only files that refer to lists held elsewhere (a squid.conf loading its ACL files)
            throw new UsageException(
                    "no address or hostname read from " + (r.files().size() == 1 ? "" : "any of ") + listOf(r.files())
                            + ": " + reference + "; give the files that hold them to --against too");
        }
        return new Read(reads, PrefixSet.of(fileSpace), fileHosts, located, catchAll, catchAllLines);
    }

    /**
     * What the files lack: each category's own space (an address counts in the most trusted
     * category that lists it, as hostnames do), the selected hostnames, and of those what is missing
     * and what no file's format can hold.
     */
    private record Gaps(
            Map<Category, PrefixSet> space,
            Map<HostPattern, List<Item>> selectedHosts,
            List<Missing> missing,
            List<NotExpressible> notExpressible,
            TreeSet<HostPattern> hostsNotExpressible) {}

    private static Gaps gaps(Selected selected, Read read) {
        List<FileRead> reads = read.files();
        Map<Category, PrefixSet> space = new TreeMap<>();
        PrefixSet moreTrusted = PrefixSet.of(List.of());
        for (Category c : categories(selected.items())) {
            PrefixSet own = PrefixSet.of(ips(selected.items(), c)).subtract(moreTrusted);
            space.put(c, own);
            moreTrusted = moreTrusted.union(own);
        }
        List<Missing> missing = new ArrayList<>();
        List<NotExpressible> notExpressible = new ArrayList<>();
        // selected space the files do not permit, attributed to the sets it comes from
        space.forEach((c, own) -> {
            for (IpPrefix p : own.subtract(read.permitted()).prefixes()) {
                List<Item> from = selected.items().stream()
                        .filter(i -> i.category().equals(c)
                                && i.entry() instanceof Entry.Ip ip
                                && ip.prefix().overlaps(p))
                        .toList();
                if (reads.stream().anyMatch(x -> x.holds().holds(p.family()))) {
                    missing.add(new Missing(p.toString(), true, c, origins(from)));
                } else {
                    notExpressible.add(new NotExpressible(
                            p.toString(),
                            true,
                            c,
                            origins(from),
                            why(
                                    reads,
                                    x -> x.holds()
                                            .only()
                                            .map(Only::option)
                                            .orElse(x.format().id() + ": this target takes no "
                                                    + p.family().label()))));
                }
            }
        });
        Map<HostPattern, List<Item>> selectedHosts = new TreeMap<>();
        for (Item i : selected.items()) {
            if (i.entry() instanceof Entry.Host h) {
                selectedHosts.computeIfAbsent(h.host(), k -> new ArrayList<>()).add(i);
            }
        }
        TreeSet<HostPattern> hostsNotExpressible = new TreeSet<>();
        selectedHosts.forEach((h, from) -> {
            if (read.covers(h)) {
                return;
            }
            if (reads.stream().anyMatch(x -> x.holds().hostnames().refuse(h) == null)) {
                missing.add(new Missing(h.pattern(), false, mostTrusted(from), origins(from)));
            } else {
                hostsNotExpressible.add(h);
                notExpressible.add(new NotExpressible(
                        h.pattern(),
                        false,
                        mostTrusted(from),
                        origins(from),
                        why(
                                reads,
                                x -> x.holds()
                                        .only()
                                        .map(Only::option)
                                        .orElse(x.format().id() + ": "
                                                + x.holds().hostnames().refuse(h)))));
            }
        });
        return new Gaps(space, selectedHosts, missing, notExpressible, hostsNotExpressible);
    }

    /** Entries no endpoint set of this version holds (local additions are intended). */
    private static List<Extra> extra(Read read, Known microsoft) {
        PrefixSet known = PrefixSet.of(microsoft.prefixes());
        List<Extra> extra = new ArrayList<>();
        // a line can stand for several patterns (squid's .domain and dnsmasq's /domain/ admit the
        // name and its subdomains); the line is extra only when none of them is Microsoft's
        TreeSet<String> hostLinesKnown = new TreeSet<>();
        for (Located e : read.located()) {
            if (e.host() != null && microsoft.hosts().stream().anyMatch(m -> m.covers(e.host()))) {
                hostLinesKnown.add(e.key());
            }
        }
        TreeSet<String> hostLinesReported = new TreeSet<>();
        for (Located e : read.located()) {
            if (e.host() != null) {
                // a line already said as a catch-all (squid's .co.uk: co.uk and *.co.uk) is said once
                if (!hostLinesKnown.contains(e.key())
                        && !read.catchAllLines().contains(e.key())
                        && hostLinesReported.add(e.key())) {
                    extra.add(new Extra(e.file(), e.line(), e.text(), "no endpoint set lists this name"));
                }
                continue;
            }
            PrefixSet entry = PrefixSet.of(e.prefixes());
            PrefixSet foreign = entry.subtract(known);
            if (foreign.isEmpty()) {
                continue;
            }
            extra.add(new Extra(
                    e.file(),
                    e.line(),
                    e.text(),
                    foreign.equals(entry)
                            ? "no endpoint set holds these addresses"
                            : "partly outside every endpoint set: "
                                    + foreign.prefixes().stream()
                                            .map(Object::toString)
                                            .limit(8)
                                            .reduce((a, b) -> a + ", " + b)
                                            .orElse("")
                                    + (foreign.size() > 8 ? ", ..." : "")));
        }
        return extra;
    }

    /** Coverage per category: the share of each kind of entry the files permit. */
    private static List<Coverage> coverage(Selected selected, Read read, Gaps gaps) {
        List<Coverage> coverage = new ArrayList<>();
        for (Category c : categories(selected.items())) {
            PrefixSet own = gaps.space().get(c);
            PrefixSet covered = own.intersect(read.permitted());
            List<HostPattern> hosts = gaps.selectedHosts().entrySet().stream()
                    .filter(e -> mostTrusted(e.getValue()).equals(c))
                    .map(Map.Entry::getKey)
                    .toList();
            int hostsCovered = (int) hosts.stream().filter(read::covers).count();
            coverage.add(new Coverage(
                    c,
                    own.addressCount(Family.IPV4),
                    covered.addressCount(Family.IPV4),
                    read.files().stream().anyMatch(x -> x.holds().ipv4()),
                    own.addressCount(Family.IPV6),
                    covered.addressCount(Family.IPV6),
                    read.files().stream().anyMatch(x -> x.holds().ipv6()),
                    hosts.size(),
                    hostsCovered,
                    (int) hosts.stream()
                            .filter(gaps.hostsNotExpressible()::contains)
                            .count()));
        }
        return coverage;
    }

    /**
     * The readings of one run: the bundled formats, and the targets of a templates directory
     * that name a format with {@code verify=} ({@link TargetRegistry#format}).
     */
    private static final class Readings {
        private final Optional<Path> templates;
        private TemplateEngine engine;

        Readings(Optional<Path> templates) {
            this.templates = templates;
        }

        /** {@code --input-format}: a format, else a target of the templates directory. */
        Reading named(String id) {
            try {
                return bundled(ConfigFormat.parse(id));
            } catch (IllegalArgumentException e) {
                String want = id.strip().toLowerCase(java.util.Locale.ROOT);
                if (own(want)) {
                    return target(want)
                            .orElseThrow(() -> UsageException.commandLine("--input-format " + want
                                    + ": target " + want
                                    + " names no format its files are read as (verify=FORMAT in its"
                                    + " target.properties); name that format instead"));
                }
                throw UsageException.commandLine("--input-format: " + e.getMessage()
                        + (templates.isPresent() ? " and the targets in " + templates.get() : ""));
            }
        }

        /** The target o365watch's header names, when it is one of the templates directory's own; else the content's format. */
        Reading detect(Path f, String content) {
            Optional<String> header = ConfigFormat.headerTarget(content)
                    .filter(id -> java.util.Arrays.stream(ConfigFormat.values()).noneMatch(x -> x.id().equals(id)))
                    .filter(this::own);
            if (header.isPresent()) {
                String id = header.get();
                return target(id)
                        .orElseThrow(() -> new UsageException(f + ": written by target " + id
                                + " (its header says so), which names no format its files are read as; add"
                                + " verify=FORMAT to its target.properties, or name one with --input-format"));
            }
            return bundled(ConfigFormat.detect(content));
        }

        /** True for a target of the templates directory that is not bundled. */
        private boolean own(String id) {
            return templates.isPresent()
                    && TargetRegistry.builtin(id).isEmpty()
                    && engine().targets().contains(id);
        }

        private Optional<Reading> target(String id) {
            TargetSpec spec = TargetSpec.parse(id, engine().properties(id));
            return TargetRegistry.format(spec)
                    .map(format -> new Reading(
                            id, format, new Holds(spec.ipv4(), spec.ipv6(), spec.hosts(), Optional.empty())));
        }

        private TemplateEngine engine() {
            if (engine == null) {
                engine = Generate.engine(templates);
            }
            return engine;
        }

        /** A bundled format: what its target declares (plain text holds every kind). */
        private static Reading bundled(ConfigFormat format) {
            if (format == ConfigFormat.TEXT) {
                return new Reading(format.id(), format, new Holds(true, true, HostSupport.ANY, Optional.empty()));
            }
            TargetSpec spec = TargetSpec.parse(format.id(), BUNDLED.properties(format.id()));
            return new Reading(
                    format.id(), format, new Holds(spec.ipv4(), spec.ipv6(), spec.hosts(), Optional.empty()));
        }
    }

    /** A file holds what its format declares and what it lists, unless the user says it holds one kind only. */
    private static Holds holds(Holds declared, Listed l, Optional<Only> only) {
        boolean v4 = declared.ipv4();
        boolean v6 = declared.ipv6();
        for (Listed.AddressEntry a : l.addresses()) {
            for (IpPrefix p : a.prefixes()) {
                v4 |= p.family() == Family.IPV4;
                v6 |= p.family() == Family.IPV6;
            }
        }
        HostSupport hosts = declared.hostnames();
        for (Listed.HostEntry h : l.hosts()) {
            HostSupport least = java.util.Arrays.stream(HostSupport.values())
                    .filter(s -> s.refuse(h.pattern()) == null)
                    .findFirst()
                    .orElse(HostSupport.ANY);
            hosts = least.compareTo(hosts) > 0 ? least : hosts;
        }
        if (only.isPresent()) {
            return only.get() == Only.ADDRESSES
                    ? new Holds(v4, v6, HostSupport.NONE, only)
                    : new Holds(false, false, hosts, only);
        }
        return new Holds(v4, v6, hosts, Optional.empty());
    }

    /** The distinct reasons the files give, in file order. */
    private static String why(List<FileRead> reads, java.util.function.Function<FileRead, String> reason) {
        return String.join(
                "; ", new java.util.LinkedHashSet<>(reads.stream().map(reason).toList()));
    }

    /**
     * Why an entry is a catch-all, or empty: a prefix broader than the guard lets into a version
     * (never below /1: 0.0.0.0/0 and ::/0 are catch-alls whatever the config says).
     */
    private static Optional<String> broaderThanTheGuard(List<IpPrefix> prefixes, Config.GuardConfig guard) {
        for (IpPrefix p : prefixes) {
            boolean v4 = p.family() == Family.IPV4;
            int min = Math.max(1, v4 ? guard.minIpv4PrefixLength() : guard.minIpv6PrefixLength());
            if (p.length() == 0) {
                return Optional.of("matches every address: left out of the comparison");
            }
            if (p.length() < min) {
                return Optional.of((p.equals(prefixes.get(0)) && prefixes.size() == 1 ? "" : p + " is ")
                        + "broader than /" + min + " (guard." + (v4 ? "minIpv4PrefixLength" : "minIpv6PrefixLength")
                        + "): a catch-all, left out of the comparison");
            }
        }
        return Optional.empty();
    }

    private static String listOf(List<Path> files) {
        return files.stream()
                        .limit(3)
                        .map(Path::toString)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("")
                + (files.size() > 3 ? ", ..." : "");
    }

    /** Why nothing was read, with the format tried and the first problem (or, without one, the first line). */
    private static String nothingRead(Path f, Reading format, String content, Listed l) {
        String head = f + ": no address or hostname read as " + format.id();
        if (content.isBlank()) {
            return head + ": the file is empty; verify needs the device's address and hostname entries";
        }
        long lines = content.lines().count();
        String first = l.problems().isEmpty()
                ? content.lines()
                        .filter(x -> !x.isBlank())
                        .findFirst()
                        .map(x -> "the first line: '" + Printable.line(x.strip(), 160) + "'")
                        .orElse("")
                : "the first problem, line " + l.problems().get(0).line() + ": "
                        + l.problems().get(0).reason() + ": '"
                        + Printable.line(l.problems().get(0).text(), 160) + "'";
        return head + " from " + lines + (lines == 1 ? " line" : " lines") + " ("
                + io.github.o365watch.domain.Plural.of(l.problems().size(), "problem", "problems") + "); " + first
                + "; if the file is another format, name it with --input-format";
    }

    private record Located(Path file, int line, String text, List<IpPrefix> prefixes, HostPattern host) {
        String key() {
            return file + "\0" + line + "\0" + text;
        }
    }

    /** The selected categories, most trusted first. */
    private static TreeSet<Category> categories(List<Item> items) {
        TreeSet<Category> out = new TreeSet<>();
        items.forEach(i -> out.add(i.category()));
        return out;
    }

    private static List<IpPrefix> ips(List<Item> items, Category only) {
        List<IpPrefix> out = new ArrayList<>();
        for (Item i : items) {
            if (i.entry() instanceof Entry.Ip ip
                    && (only == null || i.category().equals(only))) {
                out.add(ip.prefix());
            }
        }
        return out;
    }

    /** An entry listed in several categories counts in its most trusted one (the rule the outputs follow). */
    private static Category mostTrusted(List<Item> items) {
        return items.stream()
                .map(Item::category)
                .min((a, b) -> Integer.compare(b.trust(), a.trust()))
                .orElseThrow();
    }

    private static List<Origin> origins(List<Item> items) {
        TreeMap<String, Origin> out = new TreeMap<>();
        for (Item i : items) {
            String ports = (i.tcp().isEmpty() ? "" : "TCP " + i.tcp())
                    + (i.tcp().isEmpty() || i.udp().isEmpty() ? "" : ", ")
                    + (i.udp().isEmpty() ? "" : "UDP " + i.udp());
            out.putIfAbsent(
                    String.format("%06d", i.setId()) + ports,
                    new Origin(i.setId(), i.serviceArea().name(), i.category(), ports));
        }
        return List.copyOf(out.values());
    }

    private static String read(Path f) {
        if (Files.isDirectory(f)) {
            throw new UsageException(f + " is a directory; name the files in it (e.g. " + f + "/*)");
        }
        byte[] bytes;
        // bounded: a device (/dev/zero) or a pipe has no size to check first
        try {
            bytes = LocalFiles.readAtMost(f, MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            throw new UsageException(f + " does not exist");
        } catch (LocalFiles.TooLargeException e) {
            throw new UsageException(
                    f + " is larger than " + (MAX_FILE_BYTES >> 20) + " MB; export the address objects only");
        } catch (IOException e) {
            throw new UsageException("cannot read " + f + ": " + Printable.reason(e));
        }
        // Windows tools save "Unicode" text as UTF-16 with a byte-order mark (the same rule as audit's logs)
        return LocalFiles.decode(bytes);
    }
}
