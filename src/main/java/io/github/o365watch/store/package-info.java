/**
 * The local state on disk: the snapshot directory (canonical, checksummed, never overwritten),
 * atomic file writes and the store lock. Uses {@code domain} and Jackson.
 */
package io.github.o365watch.store;
