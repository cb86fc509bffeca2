/**
 * The feed server: serves one published release (read whole from the output link sync switches),
 * the reports and the feed over HTTP with Jetty, with health and Prometheus metrics. Uses
 * {@code store}, {@code domain}, Jetty and the Prometheus client.
 */
package io.github.o365watch.serve;
