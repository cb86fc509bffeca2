package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.Locale;

/**
 * Palo Alto Networks PAN-OS logs sent over syslog: comma-separated values in the documented field
 * order (PAN-OS "Syslog Field Descriptions", traffic log), with or without a syslog header
 * before them. The fields read, counted from 0: 1 Receive Time ({@code 2026/12/04 10:00:01}),
 * 3 Type, 6 Generated Time, 7 Source Address (the client), 8 Destination Address, 25 Destination Port, 29 Protocol, 30 Action.
 *
 * <ul>
 * <li>A line is PAN-OS when its first comma-separated field (the FUTURE_USE field, after any syslog
 * header) is followed by a Receive Time and, two fields on, an upper-case log type.
 * <li>TRAFFIC lines are flows: action {@code allow} is ALLOWED; {@code deny}, {@code drop},
 * {@code drop-icmp}, {@code reset-client}, {@code reset-server}, {@code reset-both} (a policy
 * deny that sends resets) are DENIED; anything else UNKNOWN. Other log types (THREAT, SYSTEM,
 * CONFIG...) are the format's own lines, holding no flow.
 * <li>time: the Generated Time as written. Values may be quoted (with doubled quotes inside).
 * </ul>
 * A TRAFFIC line with fewer than 31 fields, or a destination or port that cannot be read, is malformed.
 */
final class PanosLines implements LineParser {
    private static final int FIELDS = 31;
    private static final int TYPE = 3;
    private static final int GENERATED = 6;
    private static final int SOURCE = 7;
    private static final int DESTINATION = 8;
    private static final int DESTINATION_PORT = 25;
    private static final int PROTOCOL = 29;
    private static final int ACTION = 30;

    // one array for every line: a million lines cost no million arrays
    private final String[] fields = new String[FIELDS];

    /** True when the line holds a PAN-OS CSV log record: the positive evidence detection needs. */
    static boolean isRecord(String line) {
        int start = start(line);
        if (start < 0) {
            return false;
        }
        // Receive Time, Serial Number, then the type in upper case
        int serialEnd = line.indexOf(',', line.indexOf(',') + 21);
        if (serialEnd < 0) {
            return false;
        }
        int typeEnd = line.indexOf(',', serialEnd + 1);
        if (typeEnd <= serialEnd + 1) {
            return false;
        }
        for (int i = serialEnd + 1; i < typeEnd; i++) {
            char c = line.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String otherReason() {
        return "not a PAN-OS log record (FUTURE_USE,Receive Time,Serial Number,Type,...)";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        int start = start(line);
        if (start < 0) {
            return null;
        }
        int n = split(line, start);
        if (n <= TYPE) {
            throw new BadLine("a PAN-OS record of " + n + " fields, without its type");
        }
        if (!fields[TYPE].equals("TRAFFIC")) {
            return FORMAT_LINE;
        }
        if (n < FIELDS) {
            throw new BadLine("a PAN-OS TRAFFIC record of " + n + " fields; the action is field " + (ACTION + 1));
        }
        String dst = fields[DESTINATION].strip();
        String address = Fields.address(dst)
                .orElseThrow(
                        () -> new BadLine("Destination Address is not an IP address: '" + Printable.of(dst) + "'"));
        return new Flow(
                address,
                false,
                Fields.protocol(fields[PROTOCOL]),
                Fields.port(fields[DESTINATION_PORT].strip()),
                action(fields[ACTION]),
                Printable.line(fields[GENERATED], 64),
                number,
                Fields.source(fields[SOURCE].strip()));
    }

    static Flow.Action action(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "allow" -> Flow.Action.ALLOWED;
            case "deny", "drop", "drop-icmp", "drop-all-packets", "reset-client", "reset-server", "reset-both" ->
                Flow.Action.DENIED;
            default -> Flow.Action.UNKNOWN;
        };
    }

    /**
     * Where the record starts: the FUTURE_USE field before the first comma (after the last space
     * of a syslog header), when a Receive Time {@code yyyy/mm/dd hh:mm:ss} follows that comma; else -1.
     */
    private static int start(String line) {
        int comma = line.indexOf(',');
        if (comma < 0 || !receiveTime(line, comma + 1)) {
            return -1;
        }
        int space = line.lastIndexOf(' ', comma);
        return space + 1;
    }

    private static boolean receiveTime(String s, int at) {
        String shape = "dddd/dd/dd dd:dd:dd";
        if (at + shape.length() > s.length()) {
            return false;
        }
        for (int i = 0; i < shape.length(); i++) {
            char want = shape.charAt(i);
            char c = s.charAt(at + i);
            if (want == 'd' ? c < '0' || c > '9' : c != want) {
                return false;
            }
        }
        return at + shape.length() == s.length() || s.charAt(at + shape.length()) == ',';
    }

    /** Splits the first {@value #FIELDS} fields into {@link #fields}; returns how many there were. */
    private int split(String s, int from) throws BadLine {
        int n = 0;
        int i = from;
        while (n < FIELDS) {
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new BadLine("an unclosed quote in field " + (n + 1));
                    }
                    char c = s.charAt(j);
                    if (c == '"') {
                        if (j + 1 < s.length() && s.charAt(j + 1) == '"') {
                            v.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    v.append(c);
                    j++;
                }
                fields[n++] = v.toString();
                i = j + 1;
                if (i < s.length() && s.charAt(i) != ',') {
                    throw new BadLine("text after a closing quote in field " + n);
                }
            } else {
                int comma = s.indexOf(',', i);
                fields[n++] = s.substring(Math.min(i, s.length()), comma < 0 ? s.length() : comma);
                i = comma < 0 ? s.length() : comma;
            }
            if (i >= s.length()) {
                break;
            }
            i++; // the comma
        }
        return n;
    }
}
