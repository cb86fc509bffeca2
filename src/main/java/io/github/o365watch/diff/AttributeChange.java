package io.github.o365watch.diff;

/**
 * A scalar attribute of an endpoint set that changed: {@code category}, {@code required},
 * {@code expressRoute}, {@code notes}, {@code serviceArea} or {@code serviceAreaDisplayName}.
 * Values as published ("" when absent).
 */
public record AttributeChange(String name, String before, String after) {
}
