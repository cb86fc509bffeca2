package io.github.o365watch.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.util.List;

/**
 * Zeek's {@code conn.log}, in either of the forms Zeek writes (fields as the Zeek documentation
 * of {@code Conn::Info} names them):
 * <ul>
 * <li>TSV: {@code #separator \x09}, {@code #fields ts uid id.orig_h id.orig_p id.resp_h id.resp_p
 * proto ... conn_state ...} and the other {@code #} header lines, then tab-separated records,
 * {@code -} for an unset field. The {@code #fields} line names the columns and is required before
 * the first record.
 * <li>JSON: one object a line, {@code {"ts":...,"id.resp_h":"52.112.1.1","id.resp_p":3478,"proto":"udp","conn_state":"S0",...}}.
 * </ul>
 * client {@code id.orig_h}, destination {@code id.resp_h} (required), port {@code id.resp_p}, protocol {@code proto},
 * time {@code ts} as written. Zeek sees connections, not policy, so none is DENIED: by
 * {@code conn_state}, REJ (attempt rejected), S0 (attempt seen, no reply), RSTOS0 and SH (SYN then
 * RST or FIN, no SYN-ACK seen) and OTH (no SYN seen, midstream traffic) are FAILED; S1, SF, S2,
 * S3, RSTO and RSTR (established) are ALLOWED; others (SHR, RSTRH) UNKNOWN.
 */
final class ZeekLines implements LineParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(20).build())
            .build();

    private int ts = -1;
    private int origin = -1;
    private int host = -1;
    private int port = -1;
    private int proto = -1;
    private int state = -1;
    private int width;
    private boolean fields;

    /** Lines only Zeek writes: its TSV header's first line, or a JSON record with {@code id.resp_h}. */
    static boolean isRecord(String line) {
        return line.startsWith("#separator ") || line.startsWith("{") && line.contains("\"id.resp_h\"");
    }

    @Override
    public String otherReason() {
        return "not a Zeek conn.log record";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        if (line.startsWith("#")) {
            if (line.startsWith("#fields\t")) {
                columns(List.of(line.substring(8).split("\t", -1)));
            }
            return FORMAT_LINE;
        }
        if (line.startsWith("{")) {
            return json(line, number);
        }
        if (!fields) {
            return null;
        }
        String[] f = line.split("\t", -1);
        if (f.length < width) {
            throw new BadLine(f.length + " tab-separated fields; #fields names " + width);
        }
        return flow(
                f[host],
                f[port],
                f[proto],
                state < 0 ? "" : f[state],
                ts < 0 ? "" : f[ts],
                number,
                origin < 0 ? "" : f[origin]);
    }

    private void columns(List<String> names) {
        ts = names.indexOf("ts");
        origin = names.indexOf("id.orig_h");
        host = names.indexOf("id.resp_h");
        port = names.indexOf("id.resp_p");
        proto = names.indexOf("proto");
        state = names.indexOf("conn_state");
        if (host < 0 || port < 0 || proto < 0) {
            throw new LogFormatException(
                    "the #fields header has no id.resp_h, id.resp_p or proto: this is not a conn.log");
        }
        width = Math.max(Math.max(ts, state), Math.max(host, Math.max(port, proto))) + 1;
        fields = true;
    }

    private static Flow json(String line, long number) throws BadLine {
        String h = null;
        String p = "";
        String pr = "";
        String st = "";
        String time = "";
        String client = "";
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object");
            }
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken v = parser.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "id.orig_h" -> client = parser.getText();
                    case "id.resp_h" -> h = parser.getText();
                    case "id.resp_p" -> p = parser.getText();
                    case "proto" -> pr = parser.getText();
                    case "conn_state" -> st = parser.getText();
                    case "ts" -> time = parser.getText();
                    default -> {
                        // the other conn.log fields say nothing of where the connection went or how it ended
                    }
                }
            }
        } catch (IOException e) {
            throw new BadLine("not valid JSON: " + Printable.line(e.getMessage(), 120));
        }
        if (h == null) {
            throw new BadLine("a JSON record without id.resp_h");
        }
        return flow(h, p, pr, st, time, number, client);
    }

    private static Flow flow(
            String host, String port, String proto, String state, String time, long number, String client)
            throws BadLine {
        String address = Fields.address(host)
                .orElseThrow(() -> new BadLine("id.resp_h is not an IP address: '" + Printable.of(host) + "'"));
        Flow.Protocol protocol = Fields.protocol(proto.equals("-") ? "" : proto);
        // for ICMP Zeek puts the ICMP code where the port would be
        String p = port.equals("-") || protocol == Flow.Protocol.ICMP ? "" : port;
        return new Flow(
                address,
                false,
                protocol,
                Fields.port(p),
                action(state),
                Printable.line(time.equals("-") ? "" : time, 64),
                number,
                Fields.source(client));
    }

    static Flow.Action action(String connState) {
        return switch (connState) {
            case "REJ", "S0", "RSTOS0", "SH", "OTH" -> Flow.Action.FAILED;
            case "S1", "SF", "S2", "S3", "RSTO", "RSTR" -> Flow.Action.ALLOWED;
            default -> Flow.Action.UNKNOWN;
        };
    }
}
