package io.github.o365watch.source;

/** Raw bytes of a {@link Resource}: from the web service, or from a mirror directory. */
interface EndpointSource {

    /** The web service's base URL, or {@code mirror DIR}. */
    String describe();

    byte[] get(Resource resource);

    /** False when a mirror lacks the resource; the web service has everything. */
    default boolean has(Resource resource) {
        return true;
    }
}
