package io.github.o365watch.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming output of a template gives the bytes the whole-string form gave: LF line ends, one final newline, UTF-8. */
class LfTextTest {
    private static final String ALPHABET = "ab \r\n\t\u00e9\u4e2d\uD83D\uDE00\uD83D\uDE00\uD800\uDC00x\r\r\n\n";

    /** What the generator did before it streamed: the whole text as a string, then replaced and encoded. */
    private static byte[] whole(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        if (!t.endsWith("\n")) {
            t += "\n";
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }

    /** The text written in random pieces, through each of the writer's three ways in. */
    private static byte[] streamed(String text, Random random) {
        return streamed(new Generator.LfText(), text, random);
    }

    private static byte[] streamed(Generator.LfText out, String text, Random random) {
        return streamed(out, text, random, 5);
    }

    /** In pieces of fewer than {@code pieces} characters. */
    private static byte[] streamed(Generator.LfText out, String text, Random random, int pieces) {
        int i = 0;
        while (i < text.length()) {
            int n = Math.min(text.length() - i, random.nextInt(pieces));
            switch (random.nextInt(3)) {
                case 0 -> out.write(text, i, n);
                case 1 -> out.write(text.toCharArray(), i, n);
                default -> {
                    n = 1;
                    out.write(text.charAt(i));
                }
            }
            i += n;
        }
        return out.bytes();
    }

    @Test
    void edgeCases() {
        Random random = new Random(1);
        for (String text : new String[] {
            "",
            "\n",
            "\r",
            "\r\n",
            "a",
            "a\r",
            "a\r\n",
            "a\n\r",
            "\r\r\n\n",
            "\uD83D",
            "\uDE00",
            "x\uD83D\n",
            "\uD83D\uDE00",
            "caf\u00e9 \u4e2d\u6587\r\nend"
        }) {
            assertArrayEquals(whole(text), streamed(text, random), () -> "text: " + text.replace("\r", "\\r"));
        }
    }

    @Test
    void randomTexts() {
        Random random = new Random(18);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = b.toString();
            assertArrayEquals(whole(text), streamed(text, random), () -> "text: " + text.replace("\r", "\\r"));
        }
    }

    @Test
    void longPiecesMostlyAsciiWithAnOddCharacterAnywhere() {
        // pieces long enough to start as plain ASCII and meet a CR, a non-ASCII character or half a pair in the middle,
        // or to start just after a CR or half a pair; some longer than the writer's first buffers
        Random random = new Random(7);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(run % 10 == 0 ? 3000 : 300); k > 0; k--) {
                b.append(
                        random.nextInt(20) == 0
                                ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                                : (char) (' ' + random.nextInt(95)));
            }
            String text = b.toString();
            assertArrayEquals(
                    whole(text),
                    streamed(new Generator.LfText(), text, random, 1 + random.nextInt(run % 10 == 0 ? 1000 : 80)),
                    () -> "text: " + text.replace("\r", "\\r"));
        }
    }

    @Test
    void oneWriterResetBetweenTextsGivesEachTextsOwnBytes() {
        // the generator reuses one writer for a target's files: nothing of a file (a CR waiting for its LF, half a
        // surrogate pair, a large buffer's bytes) reaches the next
        Random random = new Random(5);
        Generator.LfText out = new Generator.LfText();
        for (int run = 0; run < 2_000; run++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(run % 100 == 0 ? 20_000 : 40); k > 0; k--) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = b.toString();
            out.reset();
            assertArrayEquals(whole(text), streamed(out, text, random), () -> "text: " + text.replace("\r", "\\r"));
        }
        out.reset();
        out.write("a\r", 0, 2);
        out.reset();
        out.write("\nb", 0, 2);
        assertArrayEquals(whole("\nb"), out.bytes());
        out.reset();
        out.write('\uD83D');
        out.reset();
        out.write("\uDE00", 0, 1);
        assertArrayEquals(whole("\uDE00"), out.bytes());
    }
}
