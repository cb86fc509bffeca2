/**
 * Text made safe to print: the one sanitiser every message and report goes through, the one HTML
 * escaper, and the one way a list of choices is spelt in messages. A leaf: it uses only the JDK,
 * and every other package may use it.
 */
package io.github.o365watch.text;
