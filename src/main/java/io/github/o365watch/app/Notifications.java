package io.github.o365watch.app;

import io.github.o365watch.notify.EmailSender;
import io.github.o365watch.notify.EmailSettings;
import io.github.o365watch.notify.Event;
import io.github.o365watch.notify.NotifyException;
import io.github.o365watch.notify.WebhookSender;
import io.github.o365watch.source.TrustBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends an event to every channel the config names, if the config wants that kind of event.
 * Secrets are read here from the environment variables or files the config names. A channel that
 * fails is reported (a sentence, never a secret) and the others still get the event.
 */
final class Notifications {
    /** A password or a webhook URL is well under a kilobyte; a file named for one is read no further than this. */
    static final long MAX_SECRET_BYTES = 64 << 10;

    private final Config.NotifyConfig config;
    private final Map<String, String> env;
    private final Workspace ws;

    Notifications(Config.NotifyConfig config, Workspace ws) {
        this.config = config;
        this.env = ws.env();
        this.ws = ws;
    }

    /** Whether an event of this kind would go anywhere: the config notifies it, and names a channel. */
    boolean sends(Event.Kind kind) {
        return config.on().contains(kind.word())
                && (config.email().isPresent() || !config.webhooks().isEmpty());
    }

    /** The problems, one sentence each; empty when every channel took the event or none was configured. */
    List<String> send(Event e) {
        List<String> problems = new ArrayList<>();
        if (!config.on().contains(e.kind().word())) {
            return problems;
        }
        config.email().ifPresent(m -> {
            try {
                Optional<String> password = secret("notify.email password", m.passwordEnv(), m.passwordFile());
                new EmailSender(
                                new EmailSettings(
                                        m.host(),
                                        m.port(),
                                        m.tls(),
                                        m.from(),
                                        m.to(),
                                        m.username(),
                                        password,
                                        m.caBundle().map(TrustBundle::load)),
                                ws.clock())
                        .send(e);
            } catch (NotifyException | UsageException | io.github.o365watch.source.SourceConfigException x) {
                problems.add(x.getMessage());
            }
        });
        for (Config.WebhookConfig w : config.webhooks()) {
            String name = w.kind().id() + " webhook ("
                    + w.urlEnv()
                            .map(v -> "$" + v)
                            .orElseGet(() -> w.urlFile().orElseThrow().toString()) + ")";
            try {
                String url = secret(name + " URL", w.urlEnv(), w.urlFile())
                        .orElseThrow(() -> new NotifyException(name + ": no URL"));
                new WebhookSender(
                                w.kind(),
                                url,
                                name,
                                Duration.ofSeconds(2),
                                d -> ws.sleeper().sleep(d))
                        .send(e);
            } catch (NotifyException | UsageException x) {
                problems.add(x.getMessage());
            }
        }
        return problems;
    }

    /**
     * What would keep a channel from sending, found now rather than on the night a change is
     * notified: a secret's environment variable not set, its file missing, unreadable or empty.
     * Names the variable or file, never a value. Empty when no event is to be notified.
     */
    List<String> unavailable() {
        List<String> problems = new ArrayList<>();
        if (config.on().isEmpty()) {
            return problems;
        }
        config.email().ifPresent(m -> check("notify.email password", m.passwordEnv(), m.passwordFile(), problems));
        for (Config.WebhookConfig w : config.webhooks()) {
            String name = w.kind().id() + " webhook ("
                    + w.urlEnv()
                            .map(v -> "$" + v)
                            .orElseGet(() -> w.urlFile().orElseThrow().toString()) + ")";
            check(name + " URL", w.urlEnv(), w.urlFile(), problems);
        }
        return problems;
    }

    private void check(String what, Optional<String> envName, Optional<Path> file, List<String> problems) {
        try {
            Optional<String> value = secret(what, envName, file);
            if (value.isPresent() && value.get().isEmpty()) {
                problems.add(what + ": "
                        + file.map(f -> "the file " + f + " is empty").orElse("empty"));
            }
        } catch (NotifyException e) {
            problems.add(e.getMessage());
        }
    }

    private Optional<String> secret(String what, Optional<String> envName, Optional<Path> file) {
        if (envName.isPresent()) {
            String v = env.get(envName.get());
            if (v == null || v.isEmpty()) {
                throw new NotifyException(what + ": the environment variable " + envName.get() + " is not set");
            }
            return Optional.of(v);
        }
        if (file.isPresent()) {
            try {
                return Optional.of(
                        new String(LocalFiles.readAtMost(file.get(), MAX_SECRET_BYTES), StandardCharsets.UTF_8)
                                .strip());
            } catch (LocalFiles.TooLargeException x) {
                throw new NotifyException(what + ": " + file.get() + " is larger than " + x.limit()
                        + ", far more than a password or a URL");
            } catch (IOException x) {
                // the reason only: never a line of the file, which holds the secret
                throw new NotifyException(
                        what + ": cannot read " + file.get() + ": " + io.github.o365watch.text.Printable.reason(x));
            }
        }
        return Optional.empty();
    }
}
