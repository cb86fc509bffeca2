package io.github.o365watch.render;

/** One generated file: its name (relative to the output directory) and its bytes (UTF-8, LF). */
public record GeneratedFile(String name, byte[] content) {
}
