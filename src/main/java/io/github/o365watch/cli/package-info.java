/**
 * The command line: Picocli commands that turn options into one call into {@code app}, print
 * the result, and map exceptions to exit codes in one place ({@link io.github.o365watch.cli.ExitCodes}).
 * Only {@link io.github.o365watch.cli.Main#main} ends the process with an exit code. Uses everything.
 */
package io.github.o365watch.cli;
