package io.github.o365watch.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A test hook for the crash harness ({@code CrashSafetyIT}): named points where sync writes to
 * disk. With {@code -Do365watch.crashpoint=NAME:N} the process prints
 * {@code o365watch-crashpoint NAME:N} to standard error at the Nth passage of point NAME and
 * then blocks the thread that got there, so the harness can kill the process there with SIGKILL.
 * Several passages may be listed ({@code NAME:N,NAME:M,...}): passages are counted over the
 * process, so a harness that runs several syncs one after the other in one JVM, each in its own
 * thread and directory, stops each where it wants it and kills them all with one SIGKILL. With
 * {@code -Do365watch.crashpoint=trace} it prints every passage (and its file) and goes on, so the
 * harness can list the points a run passes. Unset (always, outside the harness) it does nothing:
 * one test of a static final field.
 */
public final class CrashPoint {
    private static final String SPEC = System.getProperty("o365watch.crashpoint");
    private static final boolean TRACE = "trace".equals(SPEC);
    private static final Set<String> STOPS = SPEC == null || TRACE ? Set.of() : Set.of(SPEC.split(","));
    private static final Map<String, Integer> PASSES = new HashMap<>();

    private CrashPoint() {}

    /** Marks a point; {@code detail} (a file, or null) only appears in the trace. */
    public static void at(String name, Object detail) {
        if (SPEC != null) {
            pass(name, detail);
        }
    }

    private static void pass(String name, Object detail) {
        String passage;
        synchronized (PASSES) {
            passage = name + ":" + PASSES.merge(name, 1, Integer::sum);
            if (TRACE) {
                System.err.println("o365watch-crashpoint " + passage + (detail == null ? "" : " " + detail));
                return;
            }
        }
        if (STOPS.contains(passage)) {
            System.err.println("o365watch-crashpoint " + passage);
            System.err.flush();
            // wait here for the harness's SIGKILL, holding no lock: other threads may go on to their own stops
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ignored) {
                    // keep waiting
                }
            }
        }
    }
}
