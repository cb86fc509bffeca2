package io.github.o365watch.app;

import io.github.o365watch.inspect.ConfigFormat;
import io.github.o365watch.render.DnsmasqView;
import io.github.o365watch.render.PacView;
import io.github.o365watch.render.SquidView;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TargetView;
import io.github.o365watch.render.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The code of the bundled targets, one line each (Aerleon's {@code BUILTIN_GENERATORS}): a
 * target's own part of the view ({@code render}) and the format {@code verify} reads its files as,
 * with that format's reader and detector ({@code inspect}). The two halves live in packages that
 * may not use each other, so this table pairs them by the target's id. A target is a folder in
 * {@code rules-templates/} and, when it needs code, a line here; a target of templates alone
 * (a user's templates directory) borrows a bundled target's view with {@code view=} and its
 * format with {@code verify=} in its {@code target.properties}. See {@code rules-templates/README.md}.
 */
public final class TargetRegistry {
    /** One bundled target's code: its own part of the view, and the format its files are read as. */
    public record Builtin(String id, TargetView view, ConfigFormat format) {}

    /** Every bundled target, in the order of {@code rules-templates/targets.txt}. */
    public static final List<Builtin> BUILTIN = List.of(
            new Builtin("edl", TargetView.NONE, ConfigFormat.EDL),
            new Builtin("pac", new PacView(), ConfigFormat.PAC),
            new Builtin("squid", new SquidView(), ConfigFormat.SQUID),
            new Builtin("nftables", TargetView.NONE, ConfigFormat.NFTABLES),
            new Builtin("iptables", TargetView.NONE, ConfigFormat.IPTABLES),
            new Builtin("dnsmasq", new DnsmasqView(), ConfigFormat.DNSMASQ),
            new Builtin("cisco-asa", TargetView.NONE, ConfigFormat.CISCO_ASA),
            new Builtin("paloalto", TargetView.NONE, ConfigFormat.PALOALTO),
            new Builtin("fortigate", TargetView.NONE, ConfigFormat.FORTIGATE),
            new Builtin("juniper-srx", TargetView.NONE, ConfigFormat.JUNIPER_SRX),
            new Builtin("checkpoint", TargetView.NONE, ConfigFormat.CHECKPOINT),
            new Builtin("proxy-bypass", TargetView.NONE, ConfigFormat.PROXY_BYPASS),
            new Builtin("csv", TargetView.NONE, ConfigFormat.CSV),
            new Builtin("json", TargetView.NONE, ConfigFormat.JSON));

    private static final Map<String, Builtin> BY_ID =
            BUILTIN.stream().collect(Collectors.toMap(Builtin::id, b -> b, (a, b) -> a, LinkedHashMap::new));

    private TargetRegistry() {}

    /** The bundled target of this id. */
    public static Optional<Builtin> builtin(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * The target's own part of the view: a bundled target's, else the one its {@code view=}
     * borrows, else none.
     *
     * @throws TemplateException when {@code view=} names no bundled target, or is given for a
     *     bundled one (whose view is its code's: a second declaration could only disagree)
     */
    public static TargetView view(TargetSpec spec) {
        return code(spec, spec.viewOf(), "view").map(Builtin::view).orElse(TargetView.NONE);
    }

    /**
     * The format verify reads the target's files as: a bundled target's, else the one its
     * {@code verify=} names ({@code text} or a bundled format), else empty (the target's files
     * cannot be read without {@code --input-format}).
     *
     * @throws TemplateException as {@link #view}, for {@code verify=}
     */
    public static Optional<ConfigFormat> format(TargetSpec spec) {
        Optional<Builtin> own = code(spec, spec.verifyAs(), "verify");
        if (own.isPresent() || spec.verifyAs().isEmpty()) {
            return own.map(Builtin::format);
        }
        // text is a format without a target: it reads every prefix and hostname in a file
        try {
            return Optional.of(ConfigFormat.parse(spec.verifyAs().get()));
        } catch (IllegalArgumentException e) {
            throw new TemplateException("target " + spec.id() + ": verify="
                    + spec.verifyAs().get() + " names no format; known: " + knownFormats());
        }
    }

    /**
     * The problem, with the way out when a template of a target without code names another
     * target's own key ({@code squidDomains}): {@code view=} with that target's id.
     */
    public static TemplateException explain(TargetSpec spec, TemplateException e) {
        if (builtin(spec.id()).isPresent() || e.missingVariable().isEmpty()) {
            return e;
        }
        String name = e.missingVariable().get();
        return BUILTIN.stream()
                .filter(b -> b.view().keys().contains(name))
                .findFirst()
                .map(b -> new TemplateException(
                        e.getMessage() + "; '" + name + "' is the " + b.id() + " target's own: add view=" + b.id()
                                + " to " + spec.id() + "/target.properties",
                        name,
                        e))
                .orElse(e);
    }

    /** The bundled code a target has or borrows with {@code key}. */
    private static Optional<Builtin> code(TargetSpec spec, Optional<String> borrowed, String key) {
        Optional<Builtin> own = builtin(spec.id());
        if (own.isPresent()) {
            if (borrowed.isPresent()) {
                throw new TemplateException("target " + spec.id() + ": " + key + "=" + borrowed.get()
                        + " is for targets of templates alone; " + spec.id() + " has code of its own");
            }
            return own;
        }
        if (borrowed.isEmpty()
                || key.equals("verify") && builtin(borrowed.get()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(builtin(borrowed.get())
                .orElseThrow(() -> new TemplateException("target " + spec.id() + ": " + key + "=" + borrowed.get()
                        + " names no bundled target; known: "
                        + String.join(", ", BY_ID.keySet()))));
    }

    private static String knownFormats() {
        return java.util.Arrays.stream(ConfigFormat.values())
                .map(ConfigFormat::id)
                .collect(Collectors.joining(", "));
    }
}
