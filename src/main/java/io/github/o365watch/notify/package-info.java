/**
 * Telling people: e-mail through Apache Commons Net's SMTP client (STARTTLS or implicit TLS,
 * AUTH, a multipart message with the Markdown report as text and the HTML report as HTML) and
 * webhooks through OkHttp (Microsoft Teams, Slack, generic JSON). Secrets are passed in, never
 * printed. Uses {@code report} (and {@code diff}, {@code domain}), OkHttp and Commons Net.
 */
package io.github.o365watch.notify;
