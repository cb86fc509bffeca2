package io.github.o365watch.source;

import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ClientRequestId GUID that identifies this machine to the web service. Microsoft asks for
 * one per machine, kept and reused; it is generated once and stored in the user's config
 * directory, never in the repository. The documentation's sample GUID is refused: Microsoft
 * says it may be blocked.
 */
public final class ClientIdentity {
    public static final String FILE_NAME = "client-request-id";
    public static final String ENV = "O365WATCH_CLIENT_REQUEST_ID";
    static final String SAMPLE = "b10c5ed1-bad1-445f-b386-b919946339a7";
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ClientIdentity() {}

    /** The explicit id, else the environment's, else the stored one, else a new stored one. */
    public static String resolve(SourceOptions options) {
        if (options.clientRequestId().isPresent()) {
            return check(
                    options.clientRequestId().get(),
                    "--client-request-id '"
                            + Printable.of(options.clientRequestId().get()) + "'");
        }
        String fromEnv = options.env().get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return check(fromEnv, "the environment variable " + ENV + " ('" + Printable.of(fromEnv.strip()) + "')");
        }
        Path file = options.configDir().resolve(FILE_NAME);
        Path tmp = null;
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(options.configDir());
                tmp = Files.createTempFile(options.configDir(), ".client-request-id", ".tmp");
                Files.writeString(tmp, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
                try {
                    // a link appears whole and fails if another process was first: both then use its id
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // the other process won the race
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, file);
                    tmp = null;
                }
            }
            return check(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (FileAlreadyExistsException e) {
            return check(readQuietly(file), file.toString());
        } catch (IOException e) {
            throw new SourceConfigException(
                    "cannot keep the ClientRequestId in " + file + ": " + Printable.reason(e) + " (set " + ENV
                            + " or --client-request-id instead)",
                    e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file in the config directory is harmless
                }
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceConfigException(
                    "cannot read the ClientRequestId in " + file + ": " + Printable.reason(e), e);
        }
    }

    static String check(String raw, String where) {
        String id = raw.strip().toLowerCase(Locale.ROOT);
        if (!GUID.matcher(id).matches()) {
            throw new SourceConfigException(where + " is not a GUID (8-4-4-4-12 hex digits)");
        }
        if (id.equals(SAMPLE)) {
            throw new SourceConfigException(where + " is the documentation's sample GUID, which Microsoft may block;"
                    + " use your own (delete it to have one generated)");
        }
        return id;
    }
}
