package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a command runs: the config file in use (if any) and the store it works on, with where
 * that choice came from, so that messages name the store and advice fits the site.
 *
 * @param config      the config file in use: {@code --config}, {@code $O365WATCH_CONFIG} or {@code ./o365watch.yaml}
 * @param store       the snapshot directory
 * @param storeOrigin how the store was chosen, for messages ({@code set by --store}); empty when nobody chose
 */
public record Site(Optional<Config> config, Path store, String storeOrigin) {

    /** A store on its own, no config file (benchmarks, tests of the use cases). */
    public static Site of(Path store) {
        return new Site(Optional.empty(), store, "");
    }

    /** True when a config file says what sync does here, so sync (not fetch) keeps the store current. */
    public boolean syncManaged() {
        return config.isPresent();
    }

    /** The command that brings this site's store up to date: {@code sync} or {@code fetch}. */
    public String refresh() {
        return syncManaged() ? "sync" : "fetch";
    }

    /** "Nothing is stored", naming the store, where it came from and what fills it here (exit 5). */
    public StoreException nothingStored(Instance instance) {
        return new StoreException("nothing is stored for " + instance + " in " + store
                + (storeOrigin.isEmpty() ? "" : " (" + storeOrigin + ")") + "; run 'o365watch " + refresh() + "'"
                + (syncManaged() ? "" : " (or point --store at a snapshot directory)"));
    }
}
