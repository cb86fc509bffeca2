package io.github.o365watch.inspect;

/** Reads one non-blank log line of one format. */
interface LineParser {

    /** The flow on the line, or {@code null} for a line that is fine but holds none (a header, another program's message). */
    Flow parse(String line, long number) throws BadLine;
}
