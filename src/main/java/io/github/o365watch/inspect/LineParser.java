package io.github.o365watch.inspect;

import java.util.Optional;

/** Reads one non-blank log line of one format. */
interface LineParser {

    /**
     * Returned (compared by identity) for a line the format itself has that holds no flow: a
     * header, a comment. Such lines say nothing about whether the log was read.
     */
    Flow FORMAT_LINE = new Flow("", false, Flow.Protocol.UNKNOWN, Optional.empty(), Flow.Action.UNKNOWN, "", 0);

    /**
     * The flow on the line; {@link #FORMAT_LINE} for a header or comment; {@code null} for a line
     * of another kind that holds none (another program's message, an entry naming no destination).
     */
    Flow parse(String line, long number) throws BadLine;

    /** As {@link #parse(String, long)}, from a line as read; a format that can read the bytes overrides it. */
    default Flow parse(Line line, long number) throws BadLine {
        return parse(line.text(), number);
    }

    /** Why a line for which {@link #parse} returned {@code null} holds no flow. */
    default String otherReason() {
        return "holds no flow";
    }
}
