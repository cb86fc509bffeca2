package io.github.o365watch.inspect;

import io.github.o365watch.domain.net.Printable;
import java.util.regex.Pattern;

/** The log formats {@link LogReader} reads. */
public enum LogFormat {
    /** Comma, semicolon or tab separated values with a header line: firewall exports. */
    CSV("csv"),
    /** iptables/nftables kernel packet log lines, as syslog or journald write them. */
    SYSLOG("syslog"),
    /** Squid's native access.log. */
    SQUID("squid"),
    /** One IP address per line, optionally with a port; {@code #} comments. */
    IPLIST("ips");

    private static final Pattern SQUID_LINE = Pattern.compile("\\d{9,12}\\.\\d{3}\\s+-?\\d+\\s+\\S+\\s+[A-Z_]+/\\d{3}\\s");

    private final String id;

    LogFormat(String id) {
        this.id = id;
    }

    /** The name users give: {@code csv}, {@code syslog}, {@code squid}, {@code ips}. */
    public String id() {
        return id;
    }

    /** By {@link #id()}, ignoring case. */
    public static LogFormat parse(String id) {
        for (LogFormat f : values()) {
            if (f.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown log format '" + Printable.of(id) + "': use csv, syslog, squid or ips");
    }

    /**
     * Tells the format from a file's first non-empty line (a UTF-8 byte order mark is ignored).
     *
     * @throws LogFormatException when the line looks like none of them
     */
    public static LogFormat detect(String firstNonEmptyLine) {
        String s = firstNonEmptyLine == null ? "" : firstNonEmptyLine.replace("\uFEFF", "").strip();
        if (s.isEmpty()) {
            throw new LogFormatException("an empty line does not tell the log format");
        }
        if (s.startsWith("#") || IpListLines.isEntry(s)) {
            return IPLIST;
        }
        if (SQUID_LINE.matcher(s).lookingAt()) {
            return SQUID;
        }
        if (s.contains(" DST=") || SyslogLines.hasHeader(s)) {
            return SYSLOG;
        }
        if (s.indexOf(',') >= 0 || s.indexOf(';') >= 0 || s.indexOf('\t') >= 0) {
            return CSV;
        }
        throw new LogFormatException("cannot tell the log format from the first line '" + Printable.line(s, 120)
                + "': give it with --log-format csv, syslog, squid or ips");
    }
}
