package io.github.o365watch.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * While a command writes, a shutdown hook that says on stderr what an interruption (SIGINT,
 * SIGTERM: Ctrl-C, {@code systemctl stop}, a CI job cancelled) leaves behind. Closed when the
 * command ends, so a run that finishes prints nothing. SIGKILL runs no hook; the state it leaves
 * is the same, and check says so.
 */
final class Interruption implements AutoCloseable {
    private final Thread hook;

    private Interruption(Thread hook) {
        this.hook = hook;
    }

    static Interruption announce(PrintWriter err, Supplier<String> message) {
        Thread hook = new Thread(
                () -> {
                    err.println("o365watch: " + message.get());
                    err.flush();
                },
                "o365watch-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Interruption(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook says what it has to say
        }
    }
}
