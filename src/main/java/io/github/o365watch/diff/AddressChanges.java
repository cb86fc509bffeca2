package io.github.o365watch.diff;

import io.github.o365watch.domain.net.PrefixSet;
import java.util.List;

/**
 * The address space across all endpoint sets, as a firewall sees it.
 *
 * @param listed        addresses listed now that were listed nowhere before
 * @param unlisted      addresses listed before that are listed nowhere now
 * @param stillListed   prefixes removed from a set whose addresses are still listed (moved to
 *                      another set, or re-split): not an address change
 * @param alreadyListed prefixes added to a set whose addresses were already listed: not an
 *                      address change
 */
public record AddressChanges(
        PrefixSet listed, PrefixSet unlisted, List<ElementChange> stillListed, List<ElementChange> alreadyListed) {

    public boolean addressSpaceChanged() {
        return !listed.isEmpty() || !unlisted.isEmpty();
    }
}
