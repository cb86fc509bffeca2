package io.github.o365watch.inspect;

import java.util.function.Predicate;

/**
 * How one format is told from content, in {@link Detector}'s three stages: a claim on the
 * file's opening (JSON, XML, a PAC function), a signature of single lines (counted: the format
 * with most such lines wins, ties to the first declared), and the shape of all its lines (one
 * entry per line). Within a stage the formats are tried by {@code rank}, lowest first, and a line
 * counts for the first format whose signature it matches. A part a format does not use is null.
 *
 * @param rank    where the format is tried within each stage
 * @param opening a claim on the file's start ({@link Head}): decides the format when it holds
 * @param comment a signature among comment lines ({@code #}, {@code !}): nft's {@code #!} line
 * @param line    a signature among the other lines, stripped and not empty
 * @param shape   a claim on all the lines of the file's start, when nothing else decided
 */
record Detection(
        int rank,
        Predicate<Head> opening,
        Predicate<String> comment,
        Predicate<String> line,
        Predicate<String[]> shape) {

    static Detection opening(int rank, Predicate<Head> opening) {
        return new Detection(rank, opening, null, null, null);
    }

    static Detection lines(int rank, Predicate<String> line) {
        return new Detection(rank, null, null, line, null);
    }

    static Detection shape(int rank, Predicate<String[]> shape) {
        return new Detection(rank, null, null, null, shape);
    }

    Detection withOpening(Predicate<Head> claim) {
        return new Detection(rank, claim, comment, line, shape);
    }

    Detection withComment(Predicate<String> signature) {
        return new Detection(rank, opening, signature, line, shape);
    }

    /**
     * The start of a file as detection sees it.
     *
     * @param text  whole lines, at most {@code Detector.HEAD} characters, without a byte-order mark
     * @param start the same without leading blanks
     */
    record Head(String text, String start) {}
}
