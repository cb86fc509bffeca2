package io.github.o365watch.render;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Where targets come from and how their templates are rendered (implemented in
 * {@code render.mustache}: bundled in the jar, overridable from a directory).
 */
public interface TemplateEngine {

    /** Ids of every target available, sorted. */
    List<String> targets();

    /** The text of {@code <target>/target.properties}. */
    String properties(String target);

    /** Renders {@code <target>/<template>} with the view; a missing variable is an error. */
    String render(String target, String template, Map<String, Object> view);

    /** As {@link #render(String, String, Map)}, written to {@code out} as it is made instead of held whole. */
    default void render(String target, String template, Map<String, Object> view, Writer out) throws IOException {
        out.write(render(target, template, view));
    }
}
