package io.github.o365watch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version, the git commit and the build date, as the build recorded them in
 * {@code o365watch/build.properties}. The date is the commit's (a build of one commit is the same
 * bytes on any day); a value the build could not learn (no git) is said to be unknown.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/o365watch/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = known(p, "commit");
        boolean dirty = "true".equals(p.getProperty("dirty"));
        return new String[] {
            "o365watch " + known(p, "version"),
            "commit " + commit + (dirty ? " with local changes" : ""),
            "built " + known(p, "date") + (known(p, "date").equals("unknown") ? "" : " (the commit's date)")
        };
    }

    /** The value, or "unknown" where the build left it unset (still the placeholder, or absent). */
    private static String known(Properties p, String key) {
        String v = p.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }
}
