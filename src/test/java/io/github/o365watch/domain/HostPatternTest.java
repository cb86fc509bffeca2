package io.github.o365watch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

    @ParameterizedTest
    @CsvSource({
        "outlook.office.com, EXACT",
        "*.outlook.com, SUBDOMAINS",
        "*-files.sharepoint.com, PARTIAL",
        "*cdn.onenote.net, PARTIAL",
        "autodiscover.*.onmicrosoft.com, PARTIAL",
        "autodiscover-*.outlook.com, PARTIAL",
        "xn--bcher-kva.example, EXACT",
    })
    void acceptsTheFormsMicrosoftPublishes(String text, HostPattern.Kind kind) {
        assertThat(HostPattern.parse(text).kind()).isEqualTo(kind);
    }

    /** The fixed labels after the last wildcard label are what the suffix list is asked about; exact names never are. */
    @ParameterizedTest
    @CsvSource({
        "*.com, com",
        "*.co.uk, co.uk",
        "*soft.com, com",
        "a.*.com, com",
        "*.sharepoint.com, ''",
        "*-my.sharepoint.com, ''",
        "autodiscover.*.onmicrosoft.com, ''",
        "com.example.com, ''",
    })
    void aWildcardReachesAcrossAPublicSuffixWhenItsFixedLabelsAreOne(String pattern, String suffix) {
        java.util.Set<String> asked = new java.util.TreeSet<>();
        PublicSuffixes list = name -> {
            asked.add(name);
            return java.util.Set.of("com", "co.uk", "uk").contains(name);
        };

        assertThat(HostPattern.parse(pattern).wildcardAcross(list).orElse("")).isEqualTo(suffix);
        assertThat(asked).hasSizeLessThanOrEqualTo(1);
        if (!HostPattern.parse(pattern).isWildcard()) {
            assertThat(asked).isEmpty();
        }
    }

    @Test
    void normalisesCaseAndATrailingDot() {
        assertThat(HostPattern.parse("Outlook.Office.COM.").pattern()).isEqualTo("outlook.office.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "outlook office.com",
                "\"outlook.office.com\"",
                "outlook.office.com;",
                "https://outlook.office.com",
                "outlook.office.com/owa",
                "outlook.office.com\n",
                "out\u0000look.com",
                "localhost",
                "a..b.com",
                "-bad.example.com",
                "bad-.example.com",
                "x.*",
                "1.2.3.4",
                "**.example.com",
                "",
                " ",
                "exa mple.com",
                "<script>.com",
                "o'reilly.com",
                "example.com:443",
                "\u0430pple.com"
            })
    void rejectsWhatIsNotAHostnamePattern(String text) {
        assertThatThrownBy(() -> HostPattern.parse(text))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("not a hostname pattern: '");
    }

    @Test
    void rejectsOverlongNames() {
        assertThatThrownBy(() -> HostPattern.parse("a".repeat(64) + ".com"))
                .hasMessageContaining("label longer than 63");
        assertThatThrownBy(() -> HostPattern.parse(("a".repeat(60) + ".").repeat(5) + "com"))
                .hasMessageContaining("longer than 253");
    }

    @Test
    void aStarMatchesAnyRunOfCharactersLikeShExpMatch() {
        HostPattern sub = HostPattern.parse("*.office.com");
        assertThat(sub.matches("www.office.com")).isTrue();
        assertThat(sub.matches("a.b.office.com")).isTrue();
        assertThat(sub.matches("office.com")).isFalse();
        assertThat(sub.matches("notoffice.com")).isFalse();
        assertThat(sub.matches("WWW.Office.com")).isTrue();
        HostPattern glued = HostPattern.parse("*cdn.onenote.net");
        assertThat(glued.matches("xyzcdn.onenote.net")).isTrue();
        assertThat(glued.matches("a.cdn.onenote.net")).isTrue();
        assertThat(glued.matches("cdn.onenote.net")).isTrue();
        assertThat(glued.matches("cdn.onenote.net.evil.com")).isFalse();
        HostPattern mid = HostPattern.parse("autodiscover.*.onmicrosoft.com");
        assertThat(mid.matches("autodiscover.contoso.onmicrosoft.com")).isTrue();
        assertThat(mid.matches("autodiscover.onmicrosoft.com")).isFalse();
        assertThat(HostPattern.parse("outlook.office.com").matches("outlook.office.com"))
                .isTrue();
        assertThat(HostPattern.parse("outlook.office.com").matches("xoutlook.office.com"))
                .isFalse();
    }

    @Test
    void coversTellsWhetherEveryHostOfAnotherPatternMatches() {
        HostPattern wide = HostPattern.parse("*.office.com");
        assertThat(wide.covers(HostPattern.parse("outlook.office.com"))).isTrue();
        assertThat(wide.covers(HostPattern.parse("*.outlook.office.com"))).isTrue();
        assertThat(wide.covers(HostPattern.parse("*-x.office.com"))).isTrue();
        assertThat(wide.covers(HostPattern.parse("office.com"))).isFalse();
        assertThat(HostPattern.parse("outlook.office.com").covers(wide)).isFalse();
        assertThat(HostPattern.parse("*cdn.onenote.net").covers(HostPattern.parse("*.cdn.onenote.net")))
                .isTrue();
        assertThat(HostPattern.parse("*.cdn.onenote.net").covers(HostPattern.parse("*cdn.onenote.net")))
                .isFalse();
    }

    @Test
    void domainAndInstantiate() {
        assertThat(HostPattern.parse("*.office.com").domain()).isEqualTo("office.com");
        assertThat(HostPattern.parse("autodiscover.*.onmicrosoft.com").instantiate("contoso"))
                .isEqualTo("autodiscover.contoso.onmicrosoft.com");
        assertThatThrownBy(() -> HostPattern.parseHost("*.office.com")).hasMessageContaining("cannot contain '*'");
    }

    /** What a record of one string component hashes and compares as: the methods HostPattern wrote by hand. */
    private record Plain(String pattern) {}

    @Test
    void hashesAndComparesAsTheRecordsOwnMethodsDid() {
        // hash sets and maps of hostnames iterate in the same order as with the generated methods
        int n = 0;
        for (String version : io.github.o365watch.testing.Fixtures.versions("Worldwide")) {
            for (EndpointSet set : io.github.o365watch.testing.Fixtures.snapshot("Worldwide", version)
                    .sets()) {
                for (HostPattern h : set.urls()) {
                    assertThat(h.hashCode()).isEqualTo(new Plain(h.pattern()).hashCode());
                    n++;
                }
            }
        }
        assertThat(n).isGreaterThan(1000);
        HostPattern a = HostPattern.parse("*.office.com");
        assertThat(a).isEqualTo(HostPattern.parse("*.Office.com.")).isNotEqualTo(HostPattern.parse("office.com"));
        assertThat(a.equals(null)).isFalse();
        assertThat(a.equals(new Plain("*.office.com"))).isFalse();
    }

    /** The grammar check as it was first written (split into labels, a stream over the last): the reference. */
    private static String plainProblem(String s) {
        if (s == null || s.isEmpty()) {
            return "empty";
        }
        if (s.length() > 253) {
            return "longer than 253 characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '*';
            if (!ok) {
                return c >= 'A' && c <= 'Z'
                        ? "upper-case letters"
                        : "character '" + io.github.o365watch.text.Printable.of(String.valueOf(c)) + "' is not allowed";
            }
        }
        String[] labels = s.split("\\.", -1);
        if (labels.length < 2) {
            return "needs at least two labels";
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                return "empty label";
            }
            if (label.length() > 63) {
                return "label longer than 63 characters";
            }
            if (label.indexOf('*') < 0 && (label.startsWith("-") || label.endsWith("-"))) {
                return "label starts or ends with '-'";
            }
        }
        String tld = labels[labels.length - 1];
        if (tld.indexOf('*') >= 0) {
            return "wildcard in the top-level domain";
        }
        if (tld.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            return "top-level domain has no letter";
        }
        if (s.contains("**")) {
            return "consecutive wildcards";
        }
        if (s.indexOf('*') != s.lastIndexOf('*')) {
            // Microsoft never publishes two; with one, matching is a prefix and a suffix test (no backtracking)
            return "more than one wildcard";
        }
        return null;
    }

    @Test
    void theGrammarCheckFindsWhatTheSplittingOneFound() {
        List<String> texts = new ArrayList<>();
        for (String version : io.github.o365watch.testing.Fixtures.versions("Worldwide")) {
            for (EndpointSet set : io.github.o365watch.testing.Fixtures.snapshot("Worldwide", version)
                    .sets()) {
                set.urls().forEach(h -> texts.add(h.pattern()));
            }
        }
        texts.addAll(List.of(
                "",
                "a",
                ".",
                "a.",
                ".a",
                "a..b",
                "-a.com",
                "a-.com",
                "*-.com",
                "a.-b",
                "a.b-",
                "a.*",
                "a.1",
                "a.b1",
                "a**.b.com",
                "*.*.com",
                "*a*.com",
                "A.com",
                "a b.com",
                "a.com\n",
                "\u00e9.com",
                "x".repeat(63) + ".com",
                "x".repeat(64) + ".com",
                "a." + "x".repeat(64),
                "a.".repeat(126) + "com",
                "a.".repeat(127) + "com",
                "*.",
                "*",
                "a.*b",
                "a.b*",
                "-.com",
                "a.-",
                "_.com",
                "a._"));
        Random random = new Random(18);
        String alphabet = "ab-_.*.1Z .";
        for (int run = 0; run < 50_000; run++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(run % 100 == 0 ? 300 : 12); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        int valid = 0;
        for (String t : texts) {
            assertThat(HostPattern.problem(t)).as(t).isEqualTo(plainProblem(t));
            if (plainProblem(t) == null) {
                valid++;
            }
        }
        assertThat(valid).isGreaterThan(1000);
    }
}
