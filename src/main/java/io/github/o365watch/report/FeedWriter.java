package io.github.o365watch.report;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.SyndFeedOutput;
import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.Review;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.xml.sax.InputSource;

/**
 * Adds a report to an RSS 2.0 feed, written with Rome, so a team can subscribe in Outlook or any
 * reader. Items have stable GUIDs ({@code o365watch:<instance>:<from>:<to>}), so running again
 * for the same versions replaces the item instead of adding another; newest first; at most
 * {@code maxItems}. Dates are the versions' publication dates, never the clock.
 */
public final class FeedWriter {
    public static final String LINK = "https://aka.ms/o365ip";

    private FeedWriter() {}

    public static String guid(ChangeSet c) {
        return "o365watch:" + c.instance().name() + ":" + c.from() + ":" + c.to();
    }

    /**
     * @param existing the feed file's bytes, if there is one
     * @return the new feed's bytes (UTF-8, LF)
     */
    public static byte[] add(Optional<byte[]> existing, ReportData data, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("a feed holds at least one item");
        }
        List<SyndEntry> entries = new ArrayList<>();
        if (existing.isPresent()) {
            try {
                SyndFeedInput input = new SyndFeedInput();
                input.setAllowDoctypes(false);
                SyndFeed old = input.build(new InputSource(new ByteArrayInputStream(existing.get())));
                entries.addAll(old.getEntries());
            } catch (FeedException | IllegalArgumentException e) {
                throw new io.github.o365watch.report.FeedException(
                        "the feed file is not an RSS feed o365watch can extend: "
                                + Phrases.oneLine(String.valueOf(e.getMessage()), 200),
                        e);
            }
        }
        SyndEntry entry = entry(data);
        entries.removeIf(e -> entry.getUri().equals(e.getUri()));
        entries.add(entry);
        entries.sort(
                Comparator.comparing((SyndEntry e) -> e.getPublishedDate() == null ? new Date(0) : e.getPublishedDate())
                        .reversed()
                        .thenComparing(SyndEntry::getUri, Comparator.nullsLast(Comparator.reverseOrder())));
        List<SyndEntry> kept = entries.subList(0, Math.min(maxItems, entries.size()));

        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setTitle("o365watch: Microsoft 365 endpoint changes");
        feed.setLink(LINK);
        feed.setDescription("Changes between published versions of the Microsoft 365 IP address and URL lists,"
                + " with review flags and effective dates.");
        feed.setLanguage("en");
        feed.setPublishedDate(kept.get(0).getPublishedDate());
        feed.setEntries(new ArrayList<>(kept));
        try {
            String xml = new SyndFeedOutput().outputString(feed, true);
            return xml.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the feed", e);
        }
    }

    private static SyndEntry entry(ReportData data) {
        Review r = data.review();
        ChangeSet c = r.changes();
        SyndEntry e = new SyndEntryImpl();
        e.setUri(guid(c));
        e.setTitle(c.instance() + " " + c.from() + " to " + c.to() + ": "
                + Phrases.plural(c.sets().size(), "endpoint set", "endpoint sets") + " changed, "
                + Phrases.plural(r.flags().size(), "flag", "flags") + ", "
                + r.pending().size() + " pending");
        e.setLink(LINK);
        SyndContent d = new SyndContentImpl();
        d.setType("text/html");
        d.setValue(HtmlRenderer.fragment(ReportBuilder.brief(data)));
        e.setDescription(d);
        LocalDate day = c.to().date().orElse(LocalDate.of(1970, 1, 1));
        e.setPublishedDate(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
        return e;
    }
}
