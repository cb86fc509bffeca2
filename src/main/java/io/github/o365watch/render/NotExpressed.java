package io.github.o365watch.render;

/** An entry a target cannot express: listed in the command's output and in a comment, never dropped silently. */
public record NotExpressed(String group, String entry, String reason) {}
