/**
 * JMH benchmarks of the core (parse, store, diff, aggregation, rendering) on real and synthetic
 * data, and the tools bench/run.sh uses (a local HTTP mirror that counts requests). Built only by
 * the {@code bench} Maven profile; may use everything, like the tests.
 */
package io.github.o365watch.bench;
