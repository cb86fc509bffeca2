package io.github.o365watch.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command can return because of one of its parts (the command itself, a base
 * class, a mixin), as {@code "code:meaning"}. A command's --help lists what its parts declare
 * ({@link ExitCodes#of(Class)}), so a command that gains the source options gains their codes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Exits {
    String[] value();
}
