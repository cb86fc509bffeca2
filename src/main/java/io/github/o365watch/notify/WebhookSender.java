package io.github.o365watch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts an event to a webhook: Microsoft Teams (an Adaptive Card message, as Teams workflows
 * take it), Slack ({@code text}) or generic JSON. HTTPS only (plain HTTP to loopback for tests),
 * three tries on network errors and 5xx. The URL carries a token, so messages name the webhook by
 * its kind and where its URL came from, never by the URL.
 */
public final class WebhookSender {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Slack's limits: a header's text, a section's text, blocks in a message. */
    static final int SLACK_HEADER = 150;

    static final int SLACK_SECTION = 3000;
    static final int SLACK_BLOCKS = 50;

    /** The kinds of webhook; the config file's {@code notify.webhooks[].kind} takes the ids. */
    public enum Kind {
        /** A Teams workflow: an Adaptive Card message. */
        TEAMS,
        /** A Slack incoming webhook: blocks of plain text. */
        SLACK,
        /** Any other receiver: the event as plain JSON. */
        GENERIC;

        /** {@code teams}, {@code slack} or {@code generic}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return id();
        }

        /** Every id, in order. */
        public static List<String> ids() {
            return java.util.Arrays.stream(values()).map(Kind::id).toList();
        }

        /** By {@link #id()}, ignoring case; empty when it is none of them. */
        public static java.util.Optional<Kind> parse(String id) {
            return java.util.Arrays.stream(values())
                    .filter(k -> k.id().equalsIgnoreCase(id))
                    .findFirst();
        }
    }

    private final Kind kind;
    private final String url;
    private final String name;
    private final OkHttpClient client;
    private final int attempts;
    private final Duration backoff;
    private final Sleep sleep;

    /** How to wait between tries (tests record instead of sleeping). */
    @FunctionalInterface
    public interface Sleep {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * @param name how messages refer to it, e.g. {@code teams webhook (O365WATCH_TEAMS_URL)}
     */
    public WebhookSender(Kind kind, String url, String name, Duration backoff, Sleep sleep) {
        this.kind = kind;
        this.url = url;
        this.name = name;
        this.attempts = 3;
        this.backoff = backoff;
        this.sleep = sleep;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .followRedirects(false)
                .build();
    }

    public void send(Event e) {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            throw new NotifyException(name + ": the URL is not a URL");
        }
        if (!u.isHttps() && !EmailSender.isLoopback(u.host())) {
            throw new NotifyException(name + ": refusing plain HTTP (only https://, or http:// to loopback)");
        }
        Request request = new Request.Builder()
                .url(u)
                .post(RequestBody.create(body(e), JSON))
                .header("User-Agent", "o365watch")
                .build();
        String last = "";
        for (int i = 1; i <= attempts; i++) {
            try (Response r = client.newCall(request).execute()) {
                if (r.isSuccessful()) {
                    return;
                }
                last = "HTTP " + r.code();
                if (r.code() < 500 && r.code() != 429) {
                    break;
                }
            } catch (IOException x) {
                // the JDK's words, not its class names; the URL carries a token: masked in every spelling before
                // anything is cut short
                String m = null;
                for (Throwable c = x; c != null && (m == null || m.isBlank()); c = c.getCause()) {
                    m = c.getMessage();
                }
                m = m == null || m.isBlank() ? "the connection broke off" : Printable.withoutClassNames(m);
                last = Printable.line(
                        m.replace(url, "<url>").replace(u.toString(), "<url>").replace(u.encodedPath(), "/<path>"),
                        120);
            }
            if (i < attempts) {
                try {
                    sleep.sleep(backoff.multipliedBy(1L << (i - 1)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new NotifyException(name + " failed: " + last);
    }

    /**
     * The message. Its lines carry text from the feed (notes, names, hostnames), so they go only
     * where each platform documents that no markup is read: a Teams TextRun ("Markdown is not
     * supported") and a Slack plain_text object. A note {@code [Sign in](https://...)} then shows as
     * written, never as a link the bot posted. The Slack fallback text, which Slack reads as mrkdwn,
     * holds only the subject, escaped.
     */
    byte[] body(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (kind) {
            case TEAMS -> {
                Map<String, Object> card = new LinkedHashMap<>();
                card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
                card.put("type", "AdaptiveCard");
                card.put("version", "1.4");
                // ordered maps: the same event gives the same bytes
                List<Object> body = new ArrayList<>();
                body.add(richText(e.subject(), true));
                e.lines().forEach(l -> body.add(richText(l, false)));
                card.put("body", body);
                Map<String, Object> attachment = new LinkedHashMap<>();
                attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
                attachment.put("content", card);
                m.put("type", "message");
                m.put("attachments", List.of(attachment));
            }
            case SLACK -> {
                m.put("text", slack(e.subject()));
                List<Object> blocks = new ArrayList<>();
                blocks.add(Map.of("type", "header", "text", plainText(cut(e.subject(), SLACK_HEADER))));
                for (String chunk : chunks(e.lines(), SLACK_SECTION, SLACK_BLOCKS - 1)) {
                    blocks.add(Map.of("type", "section", "text", plainText(chunk)));
                }
                m.put("blocks", blocks);
                m.put("unfurl_links", false);
                m.put("unfurl_media", false);
            }
            case GENERIC -> {
                m.put("source", "o365watch");
                m.put("event", e.kind().word());
                m.put("subject", e.subject());
                m.put("lines", e.lines());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException x) {
            throw new NotifyException(name + ": cannot build the message", x);
        }
    }

    /** A Teams RichTextBlock of one TextRun: text Teams shows as it is. */
    private static Map<String, Object> richText(String text, boolean title) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("type", "TextRun");
        run.put("text", text);
        if (title) {
            run.put("weight", "Bolder");
            run.put("size", "Medium");
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", "RichTextBlock");
        block.put("inlines", List.of(run));
        return block;
    }

    /** A Slack plain_text object: no mrkdwn, no emoji codes turned into pictures. */
    private static Map<String, Object> plainText(String text) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", "plain_text");
        t.put("text", text.isEmpty() ? " " : text);
        t.put("emoji", false);
        return t;
    }

    /**
     * Lines joined into texts of at most {@code max} characters, at most {@code blocks} of them
     * (Slack refuses a message beyond its limits); what does not fit is counted in the last.
     */
    static List<String> chunks(List<String> lines, int max, int blocks) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int inCur = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = cut(lines.get(i), max);
            if (inCur > 0 && cur.length() + 1 + line.length() > max) {
                if (out.size() == blocks - 1) {
                    String more = "(" + (lines.size() - i) + " more lines)";
                    out.add(cur.length() + 1 + more.length() <= max ? cur + "\n" + more : more);
                    return out;
                }
                out.add(cur.toString());
                cur.setLength(0);
                inCur = 0;
            }
            cur.append(inCur++ == 0 ? "" : "\n").append(line);
        }
        if (inCur > 0 || out.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** Slack treats &amp;, &lt; and &gt; as control characters in text. */
    private static String slack(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
