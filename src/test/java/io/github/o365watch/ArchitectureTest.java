package io.github.o365watch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import io.github.o365watch.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The "may use" column of the package table in the team's design document (the rules below are
 * its copy in the repository), and one package-info per package. ArchUnit's
 * JUnit engine imports the main classes once, from where they were compiled, and caches them for
 * every rule; the classes they use from libraries are not imported in turn
 * (src/test/resources/archunit.properties), as the rules look only at the packages those live in.
 */
@AnalyzeClasses(locations = ArchitectureTest.MainClasses.class)
class ArchitectureTest {
    static final String ROOT = "io.github.o365watch";
    private static final String[] JDK = {"java..", "javax.."};

    /** The directory or jar the main classes were loaded from (scanning the class path for the package costs more than the import). */
    static final class MainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(
                    Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }

    private static ArchRule onlyUses(String pkg, String... allowed) {
        // every package may use the text sanitiser, a leaf
        String[] all = Stream.of(new String[] {ROOT + "." + pkg, ROOT + ".text"}, JDK, allowed)
                .flatMap(Stream::of)
                .toArray(String[]::new);
        return classes()
                .that()
                .resideInAPackage(ROOT + "." + pkg)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(all)
                .allowEmptyShould(true)
                .because("the package rules: " + pkg + " may use only " + String.join(", ", allowed));
    }

    private static String p(String pkg) {
        return ROOT + "." + pkg;
    }

    @ArchTest
    static void domainUsesOnlyDomainNetAndTheJdk(JavaClasses classes) {
        onlyUses("domain", p("domain.net")).check(classes);
    }

    @ArchTest
    static void textIsALeaf(JavaClasses classes) {
        onlyUses("text").check(classes);
    }

    @ArchTest
    static void domainNetUsesOnlyTheJdkAndIpAddress(JavaClasses classes) {
        onlyUses("domain.net", "inet.ipaddr..").check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(p("domain.net"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("inet.ipaddr..")
                .because("the IPAddress library appears only in domain.net")
                .check(classes);
    }

    @ArchTest
    static void diffUsesDomain(JavaClasses classes) {
        onlyUses("diff", p("domain.."), p("diff..")).check(classes);
    }

    @ArchTest
    static void renderUsesDomainAndDiff(JavaClasses classes) {
        onlyUses("render", p("domain.."), p("diff..")).check(classes);
    }

    @ArchTest
    static void renderMustacheUsesRenderAndMustache(JavaClasses classes) {
        onlyUses("render.mustache", p("render"), p("domain.."), "com.github.mustachejava..")
                .check(classes);
    }

    @ArchTest
    static void reportUsesDiffDomainRenderRomeAndJackson(JavaClasses classes) {
        // Rome writes the RSS feed, Jackson CSV the CSV (report.Csv); documented in docs/design-notes.md
        onlyUses(
                        "report",
                        p("diff.."),
                        p("domain.."),
                        p("render"),
                        "com.rometools..",
                        "org.xml.sax..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    @ArchTest
    static void sourceUsesDomainOkHttpJacksonRomeAndGuava(JavaClasses classes) {
        // Guava for the Public Suffix List (source.PublicSuffixList, source.FeedRules); documented in
        // docs/design-notes.md
        onlyUses(
                        "source",
                        p("domain.."),
                        "okhttp3..",
                        "okio..",
                        "kotlin..",
                        "com.fasterxml.jackson..",
                        "com.rometools..",
                        "org.xml.sax..",
                        "com.google.common.net..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(p("source"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.google..")
                .because("Guava is there for the Public Suffix List, at the border")
                .check(classes);
    }

    @ArchTest
    static void storeUsesDomainAndJackson(JavaClasses classes) {
        onlyUses("store", p("domain.."), "com.fasterxml.jackson..").check(classes);
    }

    @ArchTest
    static void notifyUsesReportAndItsClients(JavaClasses classes) {
        onlyUses(
                        "notify",
                        p("report.."),
                        p("diff.."),
                        p("domain.."),
                        "okhttp3..",
                        "okio..",
                        "kotlin..",
                        "org.apache.commons.net..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    @ArchTest
    static void inspectUsesDomainAndJackson(JavaClasses classes) {
        onlyUses("inspect", p("domain.."), "com.fasterxml.jackson..").check(classes);
    }

    @ArchTest
    static void serveUsesStoreDomainJettyAndPrometheus(JavaClasses classes) {
        // Jetty serves, the Prometheus client writes /metrics and the textfile; documented in docs/design-notes.md
        onlyUses("serve", p("store"), p("domain.."), "org.eclipse.jetty..", "io.prometheus.metrics..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(p("serve"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.eclipse.jetty..")
                .because("the HTTP server is the serve package's own")
                .check(classes);
    }

    @ArchTest
    static void appUsesEverythingButCli(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage(p("app.."))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(p("cli.."))
                .check(classes);
    }

    @ArchTest
    static void onlyCliUsesPicocliAndOnlyMainExits(JavaClasses classes) {
        noClasses()
                .that()
                .resideOutsideOfPackage(p("cli.."))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(classes);
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(p("cli.Main"))
                .should()
                .callMethod(System.class, "exit", int.class)
                .check(classes);
    }

    @ArchTest
    static void packagesHaveNoCycles(JavaClasses classes) {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Path src = Path.of("src/main/java/io/github/o365watch");
        try (Stream<Path> dirs = Files.walk(src)) {
            dirs.filter(Files::isDirectory)
                    .filter(d -> {
                        try (Stream<Path> files = Files.list(d)) {
                            return files.anyMatch(f -> f.toString().endsWith(".java"));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .forEach(d -> assertThat(d.resolve("package-info.java"))
                            .as(d.toString())
                            .exists());
        }
    }
}
