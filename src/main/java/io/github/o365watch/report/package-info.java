/**
 * Change reports for security review, built from a {@code diff.Review}: one document model
 * rendered as Markdown, self-contained HTML (inline CSS and SVG) and plain text; JSON and CSV for
 * machines; and RSS feed items written with Rome. Pure: bytes in, bytes out; uses {@code diff},
 * {@code domain}, {@code render} and Rome.
 */
package io.github.o365watch.report;
