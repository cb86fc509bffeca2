/**
 * The neutral model: instances, versions, endpoint sets, host patterns, ports, snapshots and
 * Microsoft's change records, each parsed strictly at the border and immutable afterwards. Uses
 * only {@code domain.net} and the JDK.
 */
package io.github.o365watch.domain;
