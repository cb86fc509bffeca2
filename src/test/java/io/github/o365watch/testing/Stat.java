package io.github.o365watch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a directory tree looks like to a device that polls it: for every file its inode,
 * modification time and size, for every symbolic link its target. Equal before and after a run
 * means the run touched nothing. The store's {@code .lock} is left out (it records its last holder).
 */
public final class Stat {
    private Stat() {}

    public static Map<String, String> tree(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.getFileName().toString().equals(".lock")) {
                    continue;
                }
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, of(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Inode, modification time and size of one file (through links). */
    public static String of(Path p) {
        try {
            return "inode " + Files.getAttribute(p, "unix:ino") + " mtime "
                    + Files.getLastModifiedTime(p).toInstant() + " size " + Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
