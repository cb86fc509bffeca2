package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site in a directory whose name is not ASCII ({@code réseau ops}), run as cron and systemd run
 * jobs: with no locale at all ({@code env -i}), where Java reads file names as ASCII. The packaged
 * jar runs in a child process started from a shell, and every non-ASCII name is written in the
 * script as bytes ({@code $'r\xc3\xa9seau ops'}) and listed back by the shell, so the test does not
 * depend on the locale Maven itself runs in.
 */
class FileNamesIT {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String SITE = "$'r\\xc3\\xa9seau ops'";
    static final String JAVA_BIN =
            Path.of(System.getProperty("java.home"), "bin").toString();
    /** What cron gives a job: a PATH and a HOME, nothing else. */
    static final String BARE = "env -i PATH=" + JAVA_BIN + ":/usr/bin:/bin HOME=$T/home";
    /** The JVM for short runs: the client compiler and the serial collector start in half the time (the locale is the point here). */
    static final String JAVA = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a bash script (ASCII only) in the temporary directory. */
    Run sh(String script) throws Exception {
        Files.createDirectories(tmp.resolve("home"));
        Path out = Files.createTempFile("names", ".out");
        Path err = Files.createTempFile("names", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "-euc", "T=$PWD; " + script)
                    .directory(tmp.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("JAR", PROJECT.resolve("target/o365watch.jar").toString());
            pb.environment().put("LAUNCHER", PROJECT.resolve("bin/o365watch").toString());
            pb.environment().put("SNAPSHOTS", PROJECT.resolve("snapshots").toString());
            Process p = pb.start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            return new Run(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Every file and directory under the temporary directory (home aside), as the shell lists them. */
    List<String> tree() throws Exception {
        Run r = sh("find . -path ./home -prune -o -print | LC_ALL=C sort");
        assertThat(r.code()).as(r.toString()).isZero();
        return r.out().lines().toList();
    }

    @Test
    void theLauncherRunsASiteInANonAsciiDirectoryWithoutALocale() throws Exception {
        Run init = sh("mkdir " + SITE + " && cd " + SITE + " && " + BARE + " \"$LAUNCHER\" init");
        assertThat(init.code()).as(init.toString()).isZero();
        Run sync = sh("cd " + SITE + " && cp -a \"$SNAPSHOTS\" snapshots && " + BARE + " \"$LAUNCHER\" sync --offline");
        assertThat(sync.code()).as(sync.toString()).isZero();
        assertThat(sync.out()).contains("Worldwide: applied 2019112700 (first sync)", "/réseau ops/generated");
        Run check = sh("cd " + SITE + " && " + BARE + " \"$LAUNCHER\" check --offline");
        assertThat(check.code()).as(check.toString()).isZero();

        // everything is in the directory asked for, nothing beside it
        assertThat(tree())
                .filteredOn(p -> p.chars().filter(c -> c == '/').count() == 1)
                .containsExactly("./réseau ops");
        assertThat(tree())
                .contains("./réseau ops/o365watch.yaml", "./réseau ops/o365watch.lock", "./réseau ops/generated");
    }

    @Test
    void theCronAndSystemdExamplesGiveTheJvmAUtf8Locale() throws Exception {
        List<String> cron = new ArrayList<>();
        for (String line : Files.readAllLines(PROJECT.resolve("examples/crontab"), StandardCharsets.UTF_8)) {
            if (line.matches("[A-Z_]+=\\S+") && !line.startsWith("MAILTO=")) {
                cron.add(line);
            }
        }
        List<String> unit = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Environment=(\\S+)$")
                .matcher(Files.readString(
                        PROJECT.resolve("examples/systemd/o365watch-sync.service"), StandardCharsets.UTF_8));
        while (m.find()) {
            unit.add(m.group(1));
        }
        assertThat(cron).isNotEmpty();
        assertThat(unit).isNotEmpty();
        for (List<String> vars : List.of(cron, unit)) {
            String env = BARE + " " + String.join(" ", vars).replace("/var/lib/o365watch", "$T/state");
            Run r = sh("rm -rf " + SITE + " state && mkdir state " + SITE + " && cd " + SITE
                    + " && cp -a \"$SNAPSHOTS\" snapshots"
                    + " && " + env + " " + JAVA + " -jar \"$JAR\" init && " + env + " " + JAVA
                    + " -jar \"$JAR\" sync --offline && "
                    + env + " " + JAVA + " -jar \"$JAR\" check --offline");
            assertThat(r.code()).as(vars + "\n" + r).isZero();
            assertThat(r.out()).contains("wrote o365watch.yaml", "Worldwide: applied 2019112700 (first sync)");
        }
    }

    @Test
    void withoutALocaleANonAsciiWorkingDirectoryIsAUsageErrorAndNothingIsWritten() throws Exception {
        assertThat(sh("mkdir " + SITE).code()).isZero();
        List<String> before = tree();

        Run init = sh("cd " + SITE + " && " + BARE + " " + JAVA + " -jar \"$JAR\" init");

        assertThat(init.code()).as(init.toString()).isEqualTo(2);
        assertThat(init.err().lines().toList()).as(init.toString()).hasSize(1);
        assertThat(init.err())
                .startsWith("o365watch: the working directory's name cannot be read: Java reads file names here as ")
                .contains("LC_ALL=C.UTF-8");
        assertThat(init.out()).isEmpty();
        assertThat(tree()).as("no file, and no directory of a mangled name").isEqualTo(before);

        // help still works there: it writes nothing
        Run help = sh("cd " + SITE + " && " + BARE + " " + JAVA + " -jar \"$JAR\" init --help");
        assertThat(help.code()).as(help.toString()).isZero();
    }

    @Test
    void withoutALocaleANonAsciiPathIsAUsageErrorAndNothingIsWritten() throws Exception {
        assertThat(sh("mkdir " + SITE).code()).isZero();
        List<String> before = tree();

        Run out = sh(BARE + " " + JAVA + " -jar \"$JAR\" generate --store \"$SNAPSHOTS\" --target edl --out \"$PWD\"/"
                + SITE + "/gen");
        assertThat(out.code()).as(out.toString()).isEqualTo(2);
        // an option's value: the one shape of a mistake on the command line, the message and the pointer to --help
        assertThat(out.err().lines().toList())
                .as(out.toString())
                .hasSize(2)
                .last()
                .isEqualTo("Try 'o365watch generate --help' for more information.");
        assertThat(out.err())
                .startsWith("o365watch: --out '")
                .contains("' cannot be a file name: Java reads file names here as ");

        // a config file in an ASCII directory that names a store in a non-ASCII one: the key and its line
        Run config = sh("mkdir site && printf 'store: %s/snapshots\\ntargets: [{name: edl}]\\n' " + SITE
                + " > site/o365watch.yaml && cd site && " + BARE + " " + JAVA + " -jar \"$JAR\" sync --offline");
        assertThat(config.code()).as(config.toString()).isEqualTo(2);
        assertThat(config.err().lines().toList()).as(config.toString()).hasSize(1);
        assertThat(config.err())
                .startsWith(
                        "o365watch: config file o365watch.yaml, line 1: store: 'r\\u00e9seau ops/snapshots' cannot be a file name");

        List<String> after = new ArrayList<>(tree());
        after.removeAll(List.of("./site", "./site/o365watch.yaml"));
        assertThat(after).isEqualTo(before);
    }
}
