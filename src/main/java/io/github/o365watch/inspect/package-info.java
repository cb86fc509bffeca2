/**
 * Reads what is deployed and what happened: the entries of a deployed configuration (any format
 * o365watch writes, or plain text) and the flows in firewall and proxy logs, streamed. Pure
 * parsing on text; uses {@code domain} and Jackson's CSV reader.
 */
package io.github.o365watch.inspect;
