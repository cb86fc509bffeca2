package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.LocalEntry;
import io.github.o365watch.render.Overrides;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.store.LockFile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removals on a schedule ({@code selection.holdRemovalsDays}). Microsoft announces additions with
 * an effective date but applies removals when it publishes; a site that wants time to react keeps
 * what a new version no longer lists in its outputs for N days from the sync that applied that
 * version, as local entries whose comment says why and until when. The lock file carries the
 * holds from one sync to the next; an entry listed again ends its hold.
 */
final class Holds {
    private Holds() {}

    /**
     * The holds of one instance after applying {@code next}: those the lock file carries that have
     * not ended and whose entry is still not listed, and what {@code applied} lists that
     * {@code next} does not, held from {@code today}. None when {@code days} is 0.
     */
    static List<LockFile.Held> of(
            int days,
            LocalDate today,
            Instance instance,
            List<LockFile.Held> before,
            Optional<Selected> applied,
            Selected next,
            Version version) {
        if (days <= 0) {
            return List.of();
        }
        Set<String> listed = next.items().stream()
                .filter(i -> !i.fromOverride())
                .map(Holds::key)
                .collect(Collectors.toSet());
        Map<String, LockFile.Held> out = new LinkedHashMap<>();
        for (LockFile.Held h : before) {
            if (h.instance().equalsIgnoreCase(instance.name())
                    && LocalDate.parse(h.until()).isAfter(today)
                    && !listed.contains(h.entry() + "|" + h.category())) {
                out.put(h.entry() + "|" + h.category(), h);
            }
        }
        for (Item i : applied.map(Selected::items).orElse(List.of())) {
            String key = key(i);
            if (!i.fromOverride() && !listed.contains(key) && !out.containsKey(key)) {
                out.put(
                        key,
                        new LockFile.Held(
                                instance.name(),
                                i.entry().text(),
                                i.category().name(),
                                i.setId(),
                                i.tcp().toString(),
                                i.udp().toString(),
                                version.value(),
                                today.toString(),
                                today.plusDays(days).toString()));
            }
        }
        return List.copyOf(out.values());
    }

    /** {@code selection} with the held entries added as local entries, each with the comment that says why. */
    static Selection with(Selection selection, List<LockFile.Held> held) {
        if (held.isEmpty()) {
            return selection;
        }
        List<LocalEntry> add = new ArrayList<>(selection.overrides().add());
        for (LockFile.Held h : held) {
            add.add(new LocalEntry(
                    entry(h.entry()),
                    Category.parse(h.category()),
                    PortSet.parse(h.tcpPorts()),
                    PortSet.parse(h.udpPorts()),
                    comment(h)));
        }
        return new Selection(
                selection.filter(),
                selection.families(),
                selection.tenant(),
                new Overrides(add, selection.overrides().exclude()),
                selection.excludeTenantShared());
    }

    /** What the outputs' comments say of a held entry: {@code held: set 11 no longer lists it since 2019093000; until 2026-12-25}. */
    static String comment(LockFile.Held h) {
        return LocalEntry.HELD + "set " + h.setId() + " no longer lists it since " + h.removedIn() + " (applied "
                + h.removedOn() + "); until " + h.until() + " (holdRemovalsDays)";
    }

    /** The day the last hold ends, if any. */
    static Optional<LocalDate> lastUntil(List<LockFile.Held> held) {
        return held.stream().map(h -> LocalDate.parse(h.until())).max(LocalDate::compareTo);
    }

    private static String key(Item i) {
        return i.entry().text() + "|" + i.category().name();
    }

    private static Entry entry(String text) {
        return text.contains("/") ? new Entry.Ip(IpPrefix.parse(text)) : new Entry.Host(HostPattern.parse(text));
    }
}
