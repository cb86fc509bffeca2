/**
 * The template adapter: loads {@code rules-templates/} from the jar, or from a directory given
 * with {@code --templates} (files there override the bundled ones by relative path), and renders
 * them with Mustache, raw (the view is escaped before) and strict (a missing variable is an
 * error). Uses {@code render} and Mustache.
 */
package io.github.o365watch.render.mustache;
