/**
 * The use cases (fetch, status, versions, show, lookup, mirror, and later diff, generate, sync,
 * check, verify) as plain calls on immutable values, and the registry that pairs each bundled
 * target's view ({@code render}) with its format ({@code inspect}). Uses every package but
 * {@code cli}.
 */
package io.github.o365watch.app;
