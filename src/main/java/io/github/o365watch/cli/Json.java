package io.github.o365watch.cli;

import io.github.o365watch.store.CanonicalJson;
import java.io.PrintWriter;

/** --json output: the store's canonical JSON, so scripts get stable bytes. */
final class Json {
    private Json() {}

    static void print(PrintWriter out, Object value) {
        out.print(text(value));
    }

    static String text(Object value) {
        return CanonicalJson.writeString(value);
    }
}
