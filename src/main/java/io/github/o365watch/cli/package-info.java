/**
 * The command line: Picocli commands that turn options into one call into {@code app}, print
 * the result, and map exceptions to exit codes in one place ({@link io.github.o365watch.cli.ExitCodes}).
 * Commands extend {@link io.github.o365watch.cli.BaseCommand} (parent, --help, streams) and, when
 * they read settings, {@link io.github.o365watch.cli.SiteCommand} and
 * {@link io.github.o365watch.cli.StoreCommand}, which resolve the site (config file, store) by one
 * rule. Only {@link io.github.o365watch.cli.Main#main} ends the process with an exit code. Uses everything.
 */
package io.github.o365watch.cli;
