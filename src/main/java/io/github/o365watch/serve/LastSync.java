package io.github.o365watch.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the last sync ended and when (seconds since the epoch): read back from the textfile sync
 * writes ({@link Figures#LAST_SYNC_SUCCESS}, {@link Figures#LAST_SYNC_TIME}), the one place a run's
 * result is kept.
 */
public record LastSync(boolean success, long epochSeconds) {
    /** Empty when there is no such file or it does not hold both figures. */
    public static Optional<LastSync> read(Path textfile) {
        String text;
        try {
            if (Files.size(textfile) > 1 << 20) {
                return Optional.empty();
            }
            text = Files.readString(textfile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Double ok = null;
        Double at = null;
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(Figures.LAST_SYNC_SUCCESS)) {
                ok = number(parts[1]);
            } else if (parts.length == 2 && parts[0].equals(Figures.LAST_SYNC_TIME)) {
                at = number(parts[1]);
            }
        }
        return ok == null || at == null ? Optional.empty() : Optional.of(new LastSync(ok == 1.0, at.longValue()));
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
