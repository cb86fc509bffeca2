package io.github.o365watch.app;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.inspect.DenyList;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which selected Microsoft 365 hostnames a DNS block list or a proxy deny list would block:
 * telemetry and connectivity-check names are frequent victims, and a blocked required name
 * breaks clients as surely as a missing firewall rule.
 */
public final class DenyCheck {
    /** Deny lists are small; a file beyond this is not one (or a device that never ends). */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private DenyCheck() {}

    /** How a deny entry meets a selected pattern. */
    public enum How {
        /** The entry names it. */
        EXACT,
        /** The entry blocks a domain the pattern lies under. */
        PARENT,
        /** The pattern is a wildcard, and the entry blocks some of the names it matches. */
        SOME_NAMES
    }

    /** One selected hostname a deny list blocks, with its set and the entry that blocks it. */
    public record Blocked(HostPattern host, EndpointSet set, How how, Path file, DenyList.Denied by) {}

    /** A file read as a deny list: what forms its lines were in. */
    public record FileRead(Path file, int entries, Map<String, Integer> forms) {}

    public record Result(List<FileRead> files, List<Blocked> blocked) {
        /** True when nothing required is blocked. */
        public boolean requiredClear() {
            return blocked.stream().noneMatch(b -> b.set().required());
        }
    }

    public static Result run(Snapshot snapshot, Selection selection, List<Path> files) {
        List<FileRead> reads = new ArrayList<>();
        Map<Path, DenyList.Read> byFile = new TreeMap<>();
        for (Path f : files) {
            String text;
            try {
                text = LocalFiles.decode(LocalFiles.readAtMost(f, MAX_FILE_BYTES));
            } catch (LocalFiles.TooLargeException e) {
                throw new UsageException("--deny " + f + ": larger than " + e.limit() + "; that is no deny list");
            } catch (IOException e) {
                throw new UsageException(
                        "--deny " + f + ": cannot read it: " + io.github.o365watch.text.Printable.reason(e));
            }
            DenyList.Read r = DenyList.read(text);
            if (r.entries().isEmpty()) {
                // compared as it stands it would block nothing, and say nothing about the list
                throw new UsageException(
                        "--deny " + f + ": no blocked name read (hosts file, domain list, AdGuard, dnsmasq, RPZ or"
                                + " Squid deny ACL lines)");
            }
            byFile.put(f, r);
            reads.add(new FileRead(f, r.entries().size(), r.forms()));
        }
        List<Blocked> blocked = new ArrayList<>();
        for (Item i : Selector.select(snapshot, selection, false).items()) {
            if (!(i.entry() instanceof Entry.Host h) || i.fromOverride()) {
                continue;
            }
            EndpointSet set = snapshot.set(i.setId()).orElseThrow();
            byFile.forEach((f, r) -> {
                for (DenyList.Denied d : r.entries()) {
                    how(h.host(), d).ifPresent(how -> blocked.add(new Blocked(h.host(), set, how, f, d)));
                }
            });
        }
        return new Result(reads, blocked);
    }

    /** Whether {@code d} blocks names {@code p} matches, and how. */
    static Optional<How> how(HostPattern p, DenyList.Denied d) {
        String text = p.pattern();
        if (!p.isWildcard()) {
            return d.blocks(text) ? Optional.of(text.equals(d.name()) ? How.EXACT : How.PARENT) : Optional.empty();
        }
        String fixed = p.fixedSuffix().orElseThrow(); // every name the wildcard matches lies under it
        if (d.subdomains() && (fixed.equals(d.name()) || fixed.endsWith("." + d.name()))) {
            // a '*' matches at least one character, so every name is under fixed: blocked whether or not the apex is
            return Optional.of(How.PARENT);
        }
        if (p.covers(HostPattern.parse(d.name()))) {
            return Optional.of(How.SOME_NAMES);
        }
        return Optional.empty();
    }
}
