/**
 * IPv4 and IPv6 prefixes as canonical values ({@link io.github.o365watch.domain.net.IpPrefix}) and
 * immutable address sets with exact aggregation ({@link io.github.o365watch.domain.net.PrefixSet}).
 * Uses only the JDK and the IPAddress library, which appears in no other package.
 */
package io.github.o365watch.domain.net;
