package io.github.o365watch.source;

import java.time.Duration;

/** Waits between retries; tests pass one that records the wait instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
