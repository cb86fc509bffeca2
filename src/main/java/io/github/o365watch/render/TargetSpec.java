package io.github.o365watch.render;

import io.github.o365watch.domain.TargetId;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A target as {@code target.properties} declares it: what it is, the files it writes and from
 * which templates, what it can express, and how its object names are made. Documented in
 * {@code rules-templates/README.md}.
 *
 * @param viewOf   {@code view=}: the bundled target whose own part of the view a target without
 *                 code of its own borrows (its templates then see, say, squid's forms)
 * @param verifyAs {@code verify=}: the format verify reads the files of a target without code of
 *                 its own as ({@code edl}, {@code text}, ...)
 */
public record TargetSpec(
        String id,
        String description,
        List<Output> outputs,
        boolean ipv4,
        boolean ipv6,
        HostSupport hosts,
        boolean ports,
        boolean allCategories,
        int maxEntries,
        NameRules names,
        String hostNote,
        Map<String, OptionSpec> options,
        boolean utf8Comments,
        Optional<String> viewOf,
        Optional<String> verifyAs) {

    /** A target option ({@code --option NAME=VALUE}): its default (none when required), the pattern a value must match. */
    public record OptionSpec(String name, String defaultValue, Pattern pattern, String description) {
        public boolean required() {
            return defaultValue == null;
        }
    }

    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9{][A-Za-z0-9._{}-]{0,99}");

    /** One output file: its name ({@code {category}} is the category in lower case), its template, its scope. */
    public record Output(String name, String template, Scope scope) {}

    /** One file for everything, or one per category group. */
    public enum Scope {
        ALL,
        CATEGORY
    }

    /**
     * How object names are made: {@code prefix}, parts joined by {@code separator}, in
     * {@code case}, characters outside {@code allowed} replaced, at most {@code maxLength}.
     */
    public record NameRules(String prefix, String separator, boolean upper, Pattern allowed, int maxLength) {}

    public static TargetSpec parse(String id, String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new TemplateException(
                    "target " + id + ": target.properties cannot be read: " + Printable.reason(e), e);
        }
        if (!io.github.o365watch.domain.TargetId.isValid(id)) {
            throw new TemplateException("target id '" + id + "' is not valid (lower-case letters, digits, '-')");
        }
        String declared = p.getProperty("id", "").strip();
        if (!declared.equals(id)) {
            throw new TemplateException("target " + id + ": target.properties declares id '" + declared + "'");
        }
        List<Output> outputs = new ArrayList<>();
        for (int i = 1; p.containsKey("output." + i); i++) {
            String[] parts = p.getProperty("output." + i).strip().split("\\s+");
            if (parts.length != 3
                    || !FILE.matcher(parts[0]).matches()
                    || !FILE.matcher(parts[1]).matches()
                    || parts[0].contains("..")
                    || parts[1].contains("..")) {
                throw new TemplateException("target " + id + ": output." + i + " must be 'FILE TEMPLATE all|category'");
            }
            Scope scope;
            try {
                scope = Scope.valueOf(parts[2].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TemplateException("target " + id + ": output." + i + ": scope must be all or category");
            }
            if (scope == Scope.CATEGORY && !parts[0].contains("{category}")) {
                throw new TemplateException(
                        "target " + id + ": output." + i + ": a per-category file name needs {category}");
            }
            outputs.add(new Output(parts[0], parts[1], scope));
        }
        if (outputs.isEmpty()) {
            throw new TemplateException(
                    "target " + id + ": target.properties declares no output (output.1=FILE TEMPLATE SCOPE)");
        }
        HostSupport hosts;
        try {
            hosts = HostSupport.valueOf(
                    p.getProperty("hostnames", "none").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TemplateException("target " + id + ": hostnames must be none, exact, subdomains, labels or any");
        }
        NameRules names = new NameRules(
                p.getProperty("name.prefix", "o365").strip(),
                p.getProperty("name.separator", "-").strip(),
                p.getProperty("name.case", "lower").strip().equalsIgnoreCase("upper"),
                Pattern.compile(
                        "[" + p.getProperty("name.chars", "A-Za-z0-9._-").strip() + "]"),
                integer(p, id, "name.maxLength", 63));
        return new TargetSpec(
                id,
                p.getProperty("description", id).strip(),
                List.copyOf(outputs),
                bool(p, id, "ipv4", true),
                bool(p, id, "ipv6", true),
                hosts,
                bool(p, id, "ports", false),
                bool(p, id, "categories.all", false),
                integer(p, id, "maxEntries", 0),
                names,
                p.getProperty("hostnames.note", "").strip(),
                options(p, id),
                comments(p, id),
                name(p, id, "view"),
                name(p, id, "verify"));
    }

    /** A target or format id named by a key, checked for its form only: which ones exist is the registry's to say. */
    private static Optional<String> name(Properties p, String id, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!TargetId.isValid(v.strip())) {
            throw new TemplateException(
                    "target " + id + ": " + key + " must name a bundled target (lower-case letters, digits, '-')");
        }
        return Optional.of(v.strip());
    }

    private static Map<String, OptionSpec> options(Properties p, String id) {
        Map<String, OptionSpec> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith("option.") || !key.endsWith(".pattern")) {
                continue;
            }
            String name = key.substring("option.".length(), key.length() - ".pattern".length());
            if (!name.matches("[a-z][a-z0-9]{0,30}")) {
                throw new TemplateException("target " + id + ": option name '" + name + "' is not valid");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(p.getProperty(key).strip());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new TemplateException(
                        "target " + id + ": option." + name + ".pattern is not a regular expression");
            }
            String dflt = p.getProperty("option." + name + ".default");
            if (dflt != null && !pattern.matcher(dflt.strip()).matches()) {
                throw new TemplateException(
                        "target " + id + ": option." + name + ".default does not match its pattern");
            }
            out.put(
                    name,
                    new OptionSpec(
                            name,
                            dflt == null ? null : dflt.strip(),
                            pattern,
                            p.getProperty("option." + name + ".description", "").strip()));
        }
        return Map.copyOf(out);
    }

    /** The option values to render with: the given ones checked against their patterns, defaults for the rest. */
    public Map<String, String> resolve(Map<String, String> given) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            OptionSpec o = options.get(e.getKey());
            if (o == null) {
                throw new OptionException("target " + id + " has no option '" + e.getKey() + "'"
                        + (options.isEmpty() ? "" : "; it has: " + String.join(", ", options.keySet())));
            }
            if (!o.pattern().matcher(e.getValue()).matches()) {
                throw new OptionException("option " + e.getKey() + " of target " + id + ": '"
                        + io.github.o365watch.text.Printable.of(e.getValue()) + "' is not valid ("
                        + o.description() + ")");
            }
            out.put(e.getKey(), e.getValue());
        }
        for (OptionSpec o : options.values()) {
            if (!out.containsKey(o.name())) {
                if (o.required()) {
                    throw OptionException.missing(id, o.name(), o.description());
                }
                out.put(o.name(), o.defaultValue());
            }
        }
        return out;
    }

    /** {@code comments=utf-8} when the format's comments and descriptions take UTF-8; {@code ascii} (the default) escapes the rest. */
    private static boolean comments(Properties p, String id) {
        String v = p.getProperty("comments", "ascii").strip().toLowerCase(Locale.ROOT);
        if (!v.equals("ascii") && !v.equals("utf-8")) {
            throw new TemplateException("target " + id + ": comments must be ascii or utf-8");
        }
        return v.equals("utf-8");
    }

    private static boolean bool(Properties p, String id, String key, boolean dflt) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        if (!v.strip().equals("true") && !v.strip().equals("false")) {
            throw new TemplateException("target " + id + ": " + key + " must be true or false");
        }
        return Boolean.parseBoolean(v.strip());
    }

    private static int integer(Properties p, String id, String key, int dflt) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new TemplateException("target " + id + ": " + key + " must be a whole number");
        }
    }
}
