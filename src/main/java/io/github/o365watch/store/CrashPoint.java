package io.github.o365watch.store;

/**
 * A test hook for the crash harness ({@code CrashSafetyIT}): named points where sync writes to
 * disk. With {@code -Do365watch.crashpoint=NAME:N} the process prints
 * {@code o365watch-crashpoint NAME:N} to standard error at the Nth passage of point NAME and
 * then blocks, so the harness can kill it there with SIGKILL; with
 * {@code -Do365watch.crashpoint=trace} it prints every passage (and its file) and goes on, so the
 * harness can list the points a run passes. Unset (always, outside the harness) it does nothing:
 * one test of a static final field.
 */
public final class CrashPoint {
    private static final String SPEC = System.getProperty("o365watch.crashpoint");
    private static final boolean TRACE = "trace".equals(SPEC);
    private static final String NAME = SPEC == null || TRACE ? null : SPEC.substring(0, Math.max(0, SPEC.lastIndexOf(':')));
    private static final int AT = NAME == null ? 0 : Integer.parseInt(SPEC.substring(SPEC.lastIndexOf(':') + 1));
    private static final java.util.Map<String, Integer> PASSES = new java.util.HashMap<>();

    private CrashPoint() {}

    /** Marks a point; {@code detail} (a file, or null) only appears in the trace. */
    public static void at(String name, Object detail) {
        if (SPEC != null) {
            pass(name, detail);
        }
    }

    private static synchronized void pass(String name, Object detail) {
        int n = PASSES.merge(name, 1, Integer::sum);
        if (TRACE) {
            System.err.println("o365watch-crashpoint " + name + ":" + n + (detail == null ? "" : " " + detail));
            return;
        }
        if (name.equals(NAME) && n == AT) {
            System.err.println("o365watch-crashpoint " + name + ":" + n);
            System.err.flush();
            while (true) { // wait here for the harness's SIGKILL
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ignored) {
                    // keep waiting
                }
            }
        }
    }
}
