/**
 * Where the data comes from: the web service at {@code endpoints.office.com} through OkHttp
 * (version check, endpoints, changes; the RSS history through Rome), or a local mirror directory;
 * raw responses are mapped with Jackson to {@code domain} values. Uses {@code domain}, OkHttp,
 * Jackson and Rome.
 */
package io.github.o365watch.source;
