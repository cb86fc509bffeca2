package io.github.o365watch.notify;

import io.github.o365watch.report.HtmlRenderer;
import io.github.o365watch.report.MarkdownRenderer;
import io.github.o365watch.report.ReportBuilder;
import io.github.o365watch.text.Html;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The MIME message for an event: multipart/alternative with the Markdown report as text/plain
 * and the HTML report as text/html, both base64 (so no line of the body can be taken for SMTP's
 * end of data). Headers are ASCII; a subject that is not is encoded per RFC 2047.
 */
final class Mail {
    private Mail() {}

    static String message(String from, List<String> to, Event e, String boundary, java.time.ZonedDateTime date) {
        String text = e.report()
                .map(r -> MarkdownRenderer.render(ReportBuilder.build(r, false)))
                .orElse(String.join("\n", e.lines()) + "\n");
        String html = e.report()
                .map(r -> HtmlRenderer.render(ReportBuilder.build(r, true)))
                .orElse("<!DOCTYPE html>\n<html><body><pre>" + Html.escapeLines(String.join("\n", e.lines()))
                        + "</pre></body></html>\n");
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(from).append("\r\n");
        m.append("To: ").append(String.join(", ", to)).append("\r\n");
        m.append("Subject: ").append(subject(e.subject())).append("\r\n");
        // RFC 5322 wants both; mail filters mark messages without them
        m.append("Date: ")
                .append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(date))
                .append("\r\n");
        m.append("Message-ID: <")
                .append(io.github.o365watch.domain.Checksums.sha256((boundary + date).getBytes(StandardCharsets.UTF_8))
                        .substring(0, 32))
                .append(".o365watch@")
                .append(from.substring(from.indexOf('@') + 1))
                .append(">\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("X-O365watch-Event: ").append(e.kind().word()).append("\r\n");
        m.append("Content-Type: multipart/alternative; boundary=\"")
                .append(boundary)
                .append("\"\r\n\r\n");
        part(m, boundary, "text/plain", text);
        part(m, boundary, "text/html", html);
        m.append("--").append(boundary).append("--\r\n");
        return m.toString();
    }

    private static void part(StringBuilder m, String boundary, String type, String body) {
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: ").append(type).append("; charset=UTF-8\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n\r\n");
        m.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .append("\r\n");
    }

    static String subject(String s) {
        String one = io.github.o365watch.text.Printable.line(s, 200);
        if (one.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return one;
        }
        // RFC 2047: an encoded word is at most 75 characters, so a long subject takes several, one per
        // folded line; 39 bytes make 52 base64 characters and a line "Subject: =?UTF-8?B?...?=" of 73
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < one.length()) {
            int end = start;
            int bytes = 0;
            while (end < one.length()) {
                int cp = one.codePointAt(end);
                int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + n > 39) {
                    break;
                }
                bytes += n;
                end += Character.charCount(cp);
            }
            if (start > 0) {
                out.append("\r\n ");
            }
            out.append("=?UTF-8?B?")
                    .append(Base64.getEncoder()
                            .encodeToString(one.substring(start, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            start = end;
        }
        return out.toString();
    }
}
