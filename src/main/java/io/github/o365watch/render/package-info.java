/**
 * From a snapshot to the files a device loads: the selection (filters, families, tenant,
 * local overrides), a target-neutral plan (groups per category and per port signature, with
 * provenance, exact aggregation and summaries within their limits), each target's declared
 * capabilities, and the view model templates see. Uses {@code domain} and {@code diff}; templates
 * are rendered through the {@link io.github.o365watch.render.TemplateEngine} interface.
 */
package io.github.o365watch.render;
