package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;

/**
 * The store's newest version of an instance is newer than the one the service publishes (exit 7):
 * nothing is stored or applied until a person decides. The service withdrew a version, the source
 * is a mirror older than the store, or a bogus version was stored before versions were checked
 * against the date; {@code --accept-older} lets the service's word win.
 */
public final class AheadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AheadException(Instance instance, Version stored, Version published, String command) {
        super(reason(instance, stored, published) + ": nothing stored or applied; review it (o365watch show --instance "
                + instance
                + " --version " + stored + "), then o365watch " + command + " --accept-older withdraws " + stored
                + " (kept in the store for review) and takes " + published);
    }

    /** {@code the store holds Worldwide 9999999999, newer than the 2019093000 the service publishes (...)}. */
    static String reason(Instance instance, Version stored, Version published) {
        return "the store holds " + instance + " " + stored + ", newer than the " + published + " the service publishes"
                + " (withdrawn by the service, a source that is an older mirror, or a version stored before o365watch checked"
                + " version dates)";
    }
}
