package io.github.o365watch.render;

import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Widening;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders one target's files from a plan. Pure, given the template engine: same plan, same bytes. */
public final class Generator {
    private Generator() {}

    /**
     * @param form the target's own part of the view ({@link TargetView#NONE} for a target of
     *             templates alone)
     */
    public static Generated generate(
            TargetSpec spec, TargetView form, Plan plan, Map<String, String> options, TemplateEngine engine) {
        return generate(spec, form, plan, options, engine, Relabel.NONE);
    }

    /** As above; each file {@code relabel} asks for is also rendered under the older labels it names, and handed to it. */
    public static Generated generate(
            TargetSpec spec,
            TargetView form,
            Plan plan,
            Map<String, String> options,
            TemplateEngine engine,
            Relabel relabel) {
        ViewBuilder vb = new ViewBuilder(spec, form, plan, spec.resolve(options));
        Map<String, Object> view = vb.build();
        List<GeneratedFile> files = new ArrayList<>();
        Set<String> beyond = new LinkedHashSet<>();
        // one buffer for every file of the target: grown once to the largest, not from 8 KB for each file
        LfText text = new LfText();
        for (TargetSpec.Output out : spec.outputs()) {
            if (out.scope() == TargetSpec.Scope.ALL) {
                files.add(render(spec, out.name(), out.template(), view, vb, plan, engine, beyond, relabel, text));
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> groups = (List<Map<String, Object>>) view.get("categories");
                for (Map<String, Object> g : groups) {
                    Map<String, Object> scoped = new LinkedHashMap<>(view);
                    scoped.put("group", g);
                    String name = out.name().replace("{category}", (String) g.get("categoryLower"));
                    files.add(render(spec, name, out.template(), scoped, vb, plan, engine, beyond, relabel, text));
                }
            }
        }
        if (!beyond.isEmpty()) {
            throw new LimitException(List.copyOf(beyond));
        }
        List<Item> hostnames = plan.selected().items().stream()
                .filter(i -> i.entry() instanceof Entry.Host h && spec.hosts().refuse(h.host()) == null)
                .toList();
        return new Generated(
                spec, files, vb.notExpressed(), plan.limits(), plan.selected().notes(), hostnames);
    }

    /**
     * One file. When the plan summarised some list, the file is rendered a second time with a
     * header stating what summarising did to the lists the first rendering wrote into it, so the
     * figure in a file is always the figure of that file. A file that would hold a list no summary
     * fits within the limits is refused: why goes to {@code beyond}. Then, for each older label
     * {@code relabel} wants the file under, the same view is relabelled and the file rendered again.
     */
    private static GeneratedFile render(
            TargetSpec spec,
            String name,
            String template,
            Map<String, Object> view,
            ViewBuilder vb,
            Plan plan,
            TemplateEngine engine,
            Set<String> beyond,
            Relabel relabel,
            LfText text) {
        vb.startFile();
        byte[] content = render(engine, spec.id(), template, view, text);
        beyond.addAll(vb.beyondLimits());
        List<Widening> widenings = plan.summarised() ? vb.widenings() : List.of();
        if (!widenings.isEmpty()) {
            Map<String, Object> stated = new LinkedHashMap<>(view);
            stated.put("header", vb.header(widenings));
            content = render(engine, spec.id(), template, stated, text);
        }
        List<Version> older = relabel.labels(spec.id(), name);
        if (!older.isEmpty()) {
            Version own = vb.label();
            for (Version v : older) {
                vb.label(v);
                Map<String, Object> as = new LinkedHashMap<>(view);
                as.put("version", v.value());
                as.put("header", vb.header(widenings));
                relabel.rendered(spec.id(), name, v, render(engine, spec.id(), template, as, text), widenings);
            }
            vb.label(own);
        }
        return new GeneratedFile(name, content, widenings);
    }

    /** The template's output as UTF-8 with LF line ends and one final newline, whatever the template does; made as it streams. */
    private static byte[] render(
            TemplateEngine engine, String target, String template, Map<String, Object> view, LfText out) {
        out.reset();
        try {
            engine.render(target, template, view, out);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory output does not fail", e);
        }
        return out.bytes();
    }

    /**
     * UTF-8 bytes of the text written, CR LF and lone CR turned into LF as they come: the text is
     * never held as a string, and only its bytes are. A lone surrogate becomes {@code ?}, as
     * {@link String#getBytes} makes it.
     */
    static final class LfText extends Writer {
        private byte[] buf = new byte[8192];
        private int size;
        private boolean afterCr;
        private char highSurrogate;

        @Override
        public void write(char[] cbuf, int off, int len) {
            int end = off + len;
            int i = off;
            // the common case, ASCII with no CR and nothing pending, byte for byte (as put would write it)
            if (!afterCr && highSurrogate == 0) {
                room(len);
                byte[] b = buf;
                int n = size;
                for (char c; i < end && (c = cbuf[i]) < 0x80 && c != '\r'; i++) {
                    b[n++] = (byte) c;
                }
                size = n;
            }
            for (; i < end; i++) {
                put(cbuf[i]);
            }
        }

        // a string's characters, copied out in one call: cheaper than a call per character
        private char[] chars = new char[256];

        @Override
        public void write(String s, int off, int len) {
            if (len > chars.length) {
                chars = new char[Math.max(len, chars.length * 2)];
            }
            s.getChars(off, off + len, chars, 0);
            write(chars, 0, len);
        }

        @Override
        public void write(int c) {
            put((char) c);
        }

        private void put(char c) {
            if (c < 0x80 && highSurrogate == 0) {
                if (c == '\n' && afterCr) {
                    afterCr = false;
                    return;
                }
                afterCr = c == '\r';
                room(1);
                buf[size++] = c == '\r' ? (byte) '\n' : (byte) c;
                return;
            }
            afterCr = false;
            if (highSurrogate != 0) {
                char high = highSurrogate;
                highSurrogate = 0;
                if (Character.isLowSurrogate(c)) {
                    int cp = Character.toCodePoint(high, c);
                    room(4);
                    buf[size++] = (byte) (0xf0 | cp >> 18);
                    buf[size++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    buf[size++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    buf[size++] = (byte) (0x80 | cp & 0x3f);
                    return;
                }
                room(1);
                buf[size++] = '?';
                put(c);
                return;
            }
            if (Character.isHighSurrogate(c)) {
                highSurrogate = c;
            } else if (Character.isLowSurrogate(c)) {
                room(1);
                buf[size++] = '?';
            } else if (c < 0x800) {
                room(2);
                buf[size++] = (byte) (0xc0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            } else {
                room(3);
                buf[size++] = (byte) (0xe0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            }
        }

        private void room(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        /** Empty again, for the next file; the buffer is kept. */
        void reset() {
            size = 0;
            afterCr = false;
            highSurrogate = 0;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        /** What was written, ending in one LF if it did not end in a line end. */
        byte[] bytes() {
            if (highSurrogate != 0) {
                highSurrogate = 0;
                room(1);
                buf[size++] = '?';
            }
            if (size == 0 || buf[size - 1] != '\n') {
                room(1);
                buf[size++] = '\n';
            }
            return Arrays.copyOf(buf, size);
        }
    }
}
