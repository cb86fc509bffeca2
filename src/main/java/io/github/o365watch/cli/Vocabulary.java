package io.github.o365watch.cli;

import io.github.o365watch.app.Generate;
import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.Selections;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.inspect.ConfigFormat;
import io.github.o365watch.inspect.LogFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Completion candidates (and the lists in option descriptions) for the closed vocabularies, each
 * taken from the one place that declares it. Picocli makes each of these when it builds a
 * command's model; the list is computed only when completion or help iterates it.
 */
final class Vocabulary {
    private Vocabulary() {}

    /** A list computed when first iterated. */
    abstract static class Lazy implements Iterable<String> {
        private final Supplier<List<String>> values;

        Lazy(Supplier<List<String>> values) {
            this.values = values;
        }

        @Override
        public Iterator<String> iterator() {
            return values.get().iterator();
        }
    }

    /** The instances the service publishes (domain.Instance). */
    static final class Instances extends Lazy {
        Instances() {
            super(Instance::current);
        }
    }

    /** Microsoft's categories (domain.Category), and all. */
    static final class Categories extends Lazy {
        Categories() {
            super(Selections::categoryChoices);
        }
    }

    /** The service areas (domain.ServiceArea). */
    static final class ServiceAreas extends Lazy {
        ServiceAreas() {
            super(ServiceArea::knownNames);
        }
    }

    /** The bundled targets (rules-templates/). */
    static final class Targets extends Lazy {
        Targets() {
            super(() -> Generate.engine(Optional.empty()).targets());
        }
    }

    /** The input format that recognises each file's own. */
    static final String AUTO = "auto";

    /** What verify reads (inspect.ConfigFormat), and auto. */
    static final class InputFormats extends Lazy {
        InputFormats() {
            super(() -> {
                List<String> out = new ArrayList<>(List.of(AUTO));
                Arrays.stream(ConfigFormat.values()).map(ConfigFormat::id).forEach(out::add);
                return out;
            });
        }

        /**
         * {@code --input-format}'s value: empty for auto, else the id as given (a format, or a target
         * of the templates directory: {@code app.Verify.checkFormat} says which ones there are).
         */
        static Optional<String> named(String id) {
            return id.equalsIgnoreCase(AUTO) ? Optional.empty() : Optional.of(id);
        }
    }

    /** What audit reads (inspect.LogFormat), and auto. */
    static final class LogFormats extends Lazy {
        LogFormats() {
            super(() -> {
                List<String> out = new ArrayList<>(List.of(AUTO));
                Arrays.stream(LogFormat.values()).map(LogFormat::id).forEach(out::add);
                return out;
            });
        }

        /** {@code --log-format}'s value: empty for auto. */
        static Optional<LogFormat> parse(String id) {
            if (id.equalsIgnoreCase(AUTO)) {
                return Optional.empty();
            }
            try {
                return Optional.of(LogFormat.parse(id));
            } catch (IllegalArgumentException e) {
                throw UsageException.commandLine("--log-format: " + e.getMessage());
            }
        }
    }

    /**
     * A command's {@code --format}: the output formats it offers (app.OutputFormat), as completion
     * candidates, as the list in its description and as picocli's converter, so that a value it
     * does not offer is picocli's usage error naming the choices.
     */
    abstract static class Formats implements Iterable<String>, CommandLine.ITypeConverter<OutputFormat> {
        private final List<OutputFormat> offered;

        Formats(OutputFormat... offered) {
            this(List.of(offered));
        }

        Formats(List<OutputFormat> offered) {
            this.offered = List.copyOf(offered);
        }

        @Override
        public Iterator<String> iterator() {
            return OutputFormat.ids(offered).iterator();
        }

        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.parse(value, offered);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
