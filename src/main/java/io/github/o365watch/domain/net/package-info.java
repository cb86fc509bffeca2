/**
 * IPv4 and IPv6 prefixes as canonical values ({@link io.github.o365watch.domain.net.IpPrefix}),
 * immutable address sets with exact aggregation and bounded summaries
 * ({@link io.github.o365watch.domain.net.PrefixSet}), and the words every address count is written
 * in ({@link io.github.o365watch.domain.net.AddressCounts}). Uses only the JDK and the IPAddress
 * library, which appears in no other package.
 */
package io.github.o365watch.domain.net;
