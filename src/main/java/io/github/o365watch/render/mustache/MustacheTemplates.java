package io.github.o365watch.render.mustache;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.render.TemplateException;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Targets from {@code rules-templates/}: bundled in the jar (listed in {@code targets.txt}) and
 * from an optional directory whose files override the bundled ones by relative path and may add
 * targets. A file must stay inside that directory: {@code ..} and links leading out are refused.
 */
public final class MustacheTemplates implements TemplateEngine {
    private static final String BUNDLED = "rules-templates/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Optional<Path> dir;
    private DefaultMustacheFactory factory;

    public MustacheTemplates(Optional<Path> overrideDir) {
        this.dir = overrideDir.map(d -> d.toAbsolutePath().normalize());
        dir.ifPresent(d -> {
            if (!Files.isDirectory(d)) {
                throw new TemplateException("--templates " + d + ": no such directory");
            }
        });
    }

    /**
     * The Mustache compiler, made on the first render: a run that only reads the targets' names
     * and properties (the config's check, check, a sync with nothing to render) loads none of it.
     */
    private synchronized DefaultMustacheFactory factory() {
        if (factory == null) {
            factory = Compiler.make(this);
        }
        return factory;
    }

    /** Apart from the class that uses it, so that verifying that class loads none of Mustache's. */
    private static final class Compiler {
        static DefaultMustacheFactory make(MustacheTemplates t) {
            DefaultMustacheFactory f = new DefaultMustacheFactory(name -> t.reader(name)) {
                @Override
                public void encode(String value, Writer writer) {
                    try {
                        writer.write(value); // the view model is escaped for its format before it gets here
                    } catch (IOException e) {
                        throw new MustacheException("cannot write", e);
                    }
                }
            };
            f.setObjectHandler(new ReflectionObjectHandler() {
                @Override
                public Wrapper find(String name, List<Object> scopes) {
                    Wrapper w = super.find(name, scopes);
                    if (w instanceof MissingWrapper) {
                        throw new MissingVariable(name);
                    }
                    return w;
                }
            });
            return f;
        }

        /**
         * Compiles (once: the factory keeps it) and runs one template into {@code out}; Mustache's
         * failures become template problems, a failure of {@code out} stays an I/O failure.
         */
        static void render(DefaultMustacheFactory factory, String name, Map<String, Object> view, Writer out)
                throws IOException {
            try {
                Mustache m = factory.compile(name);
                m.execute(out, view).flush();
            } catch (MustacheException | MissingVariable e) {
                Throwable root = e;
                while (root.getCause() != null && !(root instanceof MissingVariable)) {
                    root = root.getCause();
                }
                if (root instanceof MissingVariable mv) {
                    throw new TemplateException(
                            "template " + name + " uses '" + mv.getMessage() + "', which the view model does"
                                    + " not have (see rules-templates/README.md)",
                            mv.getMessage(),
                            e);
                }
                if (root instanceof TemplateException te) {
                    throw te;
                }
                if (root instanceof IOException io) {
                    throw io; // the output failed, not the template
                }
                throw new TemplateException(
                        "template " + name + " is broken: "
                                + io.github.o365watch.text.Printable.line(String.valueOf(e.getMessage()), 300),
                        e);
            }
        }
    }

    /** A template names a variable the view does not have. */
    private static final class MissingVariable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingVariable(String name) {
            super(name);
        }
    }

    @Override
    public List<String> targets() {
        TreeSet<String> ids = new TreeSet<>();
        String index = bundled("targets.txt")
                .orElseThrow(() -> new TemplateException("the bundled rules-templates/targets.txt is missing"));
        index.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(ids::add);
        dir.ifPresent(d -> {
            try (Stream<Path> sub = Files.list(d)) {
                sub.filter(p -> Files.isRegularFile(p.resolve("target.properties")))
                        .map(p -> p.getFileName().toString())
                        .filter(io.github.o365watch.domain.TargetId::isValid)
                        .forEach(ids::add);
            } catch (IOException e) {
                throw new TemplateException("cannot list --templates " + d + ": " + Printable.reason(e), e);
            }
        });
        return List.copyOf(ids);
    }

    @Override
    public String properties(String target) {
        if (!io.github.o365watch.domain.TargetId.isValid(target) || !targets().contains(target)) {
            throw new TemplateException("unknown target '" + io.github.o365watch.text.Printable.of(target)
                    + "'; known targets: " + String.join(", ", targets()));
        }
        return text(target + "/target.properties");
    }

    @Override
    public String render(String target, String template, Map<String, Object> view) {
        StringWriter out = new StringWriter();
        try {
            render(target, template, view, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    @Override
    public void render(String target, String template, Map<String, Object> view, Writer out) throws IOException {
        Compiler.render(factory(), target + "/" + template, view, out);
    }

    /** The reader the Mustache factory asks for (templates and partials), by relative name. */
    private Reader reader(String name) {
        return new StringReader(text(name));
    }

    private String text(String relative) {
        String[] parts = relative.split("/");
        if (parts.length != 2
                || !io.github.o365watch.domain.TargetId.isValid(parts[0])
                || !FILE.matcher(parts[1]).matches()) {
            throw new TemplateException("template file name '" + io.github.o365watch.text.Printable.of(relative)
                    + "' is not allowed (TARGET/FILE, no paths)");
        }
        if (dir.isPresent()) {
            Path file = dir.get().resolve(parts[0]).resolve(parts[1]).normalize();
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return read(inside(dir.get(), file));
            }
        }
        return bundled(relative)
                .orElseThrow(() -> new TemplateException("template file " + relative + " not found"
                        + dir.map(d -> " (bundled or in " + d + ")").orElse("")));
    }

    /** The file, if it and every link on its way stay inside the directory. */
    private static Path inside(Path root, Path file) {
        try {
            Path realRoot = root.toRealPath();
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
                throw new TemplateException("template file " + file + " leads outside " + root + "; refused");
            }
            return real;
        } catch (IOException e) {
            throw new TemplateException("cannot read template file " + file + ": " + Printable.reason(e), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("cannot read template file " + file + ": " + Printable.reason(e), e);
        }
    }

    private static Optional<String> bundled(String relative) {
        try (InputStream in = MustacheTemplates.class.getClassLoader().getResourceAsStream(BUNDLED + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringWriter w = new StringWriter();
                r.transferTo(w);
                return Optional.of(w.toString());
            }
        } catch (IOException e) {
            throw new TemplateException("cannot read the bundled " + relative + ": " + Printable.reason(e), e);
        }
    }
}
