package io.github.o365watch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The "may use" column of DESIGN.md's package table, and one package-info per package. */
class ArchitectureTest {
    private static final String ROOT = "io.github.o365watch";
    private static final String[] JDK = {"java..", "javax.."};
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    private static ArchRule onlyUses(String pkg, String... allowed) {
        String[] all = Stream.of(new String[] {ROOT + "." + pkg}, JDK, allowed).flatMap(Stream::of).toArray(String[]::new);
        return classes().that().resideInAPackage(ROOT + "." + pkg)
                .should().onlyDependOnClassesThat().resideInAnyPackage(all)
                .allowEmptyShould(true)
                .because("DESIGN.md: " + pkg + " may use only " + String.join(", ", allowed));
    }

    private static String p(String pkg) {
        return ROOT + "." + pkg;
    }

    @Test
    void domainUsesOnlyDomainNetAndTheJdk() {
        onlyUses("domain", p("domain.net")).check(classes);
    }

    @Test
    void domainNetUsesOnlyTheJdkAndIpAddress() {
        onlyUses("domain.net", "inet.ipaddr..").check(classes);
        noClasses().that().resideOutsideOfPackage(p("domain.net")).should().dependOnClassesThat().resideInAPackage("inet.ipaddr..")
                .because("the IPAddress library appears only in domain.net").check(classes);
    }

    @Test
    void diffUsesDomain() {
        onlyUses("diff", p("domain.."), p("diff..")).check(classes);
    }

    @Test
    void renderUsesDomainAndDiff() {
        onlyUses("render", p("domain.."), p("diff..")).check(classes);
    }

    @Test
    void renderMustacheUsesRenderAndMustache() {
        onlyUses("render.mustache", p("render"), p("domain.."), "com.github.mustachejava..").check(classes);
    }

    @Test
    void reportUsesDiffDomainRenderAndRome() {
        // Rome writes the RSS feed; documented in docs/design-notes.md
        onlyUses("report", p("diff.."), p("domain.."), p("render"), "com.rometools..", "org.xml.sax..").check(classes);
    }

    @Test
    void sourceUsesDomainOkHttpJacksonRomeAndGuava() {
        // Guava for the Public Suffix List's ICANN section (source.FeedRules); documented in docs/design-notes.md
        onlyUses("source", p("domain.."), "okhttp3..", "okio..", "kotlin..", "com.fasterxml.jackson..", "com.rometools..",
                "org.xml.sax..", "com.google.common.net..").check(classes);
        noClasses().that().resideOutsideOfPackage(p("source")).should().dependOnClassesThat().resideInAPackage("com.google..")
                .because("Guava is there for the Public Suffix List, at the border").check(classes);
    }

    @Test
    void storeUsesDomainAndJackson() {
        onlyUses("store", p("domain.."), "com.fasterxml.jackson..").check(classes);
    }

    @Test
    void notifyUsesReportAndItsClients() {
        onlyUses("notify", p("report.."), p("diff.."), p("domain.."), "okhttp3..", "okio..", "kotlin..", "org.apache.commons.net..",
                "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void inspectUsesDomainAndJackson() {
        onlyUses("inspect", p("domain.."), "com.fasterxml.jackson..").check(classes);
    }

    @Test
    void appUsesEverythingButCli() {
        noClasses().that().resideInAPackage(p("app..")).should().dependOnClassesThat().resideInAPackage(p("cli.."))
                .check(classes);
    }

    @Test
    void onlyCliUsesPicocliAndOnlyMainExits() {
        noClasses().that().resideOutsideOfPackage(p("cli..")).should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName(p("cli.Main")).should()
                .callMethod(System.class, "exit", int.class).check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Path src = Path.of("src/main/java/io/github/o365watch");
        try (Stream<Path> dirs = Files.walk(src)) {
            dirs.filter(Files::isDirectory).filter(d -> {
                try (Stream<Path> files = Files.list(d)) {
                    return files.anyMatch(f -> f.toString().endsWith(".java"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).forEach(d -> assertThat(d.resolve("package-info.java")).as(d.toString()).exists());
        }
    }
}
