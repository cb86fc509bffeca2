package io.github.o365watch.inspect;

import java.util.Optional;

/**
 * The streams of one CQD export row through one endpoint's media relay.
 *
 * @param relay     the relay's address in canonical form
 * @param transport UDP, TCP, or UNKNOWN (CQD's "Unrecognized", or none)
 * @param relayPort the port allocated on the relay, when the export has it
 * @param reason    the call setup failure reason; empty when the streams did not fail
 * @param building  the endpoint's building name from the tenant's building data; empty when unknown
 * @param subnet    the endpoint's subnet as CQD writes it; empty when unknown
 * @param failed    streams whose media path could not be set up
 * @param streams   all streams of the row
 * @param line      the line number in its file
 */
public record CqdRow(
        String relay,
        Flow.Protocol transport,
        Optional<Integer> relayPort,
        String reason,
        String building,
        String subnet,
        long failed,
        long streams,
        long line) {}
