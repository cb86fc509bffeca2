package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.o365watch.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The files in {@code examples/} are what users copy into their CI and servers, so they are
 * checked like code: each parses in its own format and has the structure its comments promise,
 * and every {@code o365watch} command line in them (in scripts, unit files, the crontab, and in
 * backquotes in comments and the README) goes through the real picocli command line.
 */
class ExamplesTest {
    static final Path DIR = Path.of("examples");
    static final Path GITHUB = DIR.resolve("github-actions.yml");
    static final Path GITLAB = DIR.resolve("gitlab-ci.yml");
    static final Path CRONTAB = DIR.resolve("crontab");
    static final Path SERVICE = DIR.resolve("systemd/o365watch-sync.service");
    static final Path TIMER = DIR.resolve("systemd/o365watch-sync.timer");
    static final Path SERVE = DIR.resolve("systemd/o365watch-serve.service");
    static final Path README = DIR.resolve("README.md");
    static final List<Path> ALL = List.of(README, GITHUB, GITLAB, CRONTAB, SERVICE, TIMER, SERVE);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    // ---------------------------------------------------------------- the examples

    @Test
    void everyFileInExamplesIsCheckedHere() throws IOException {
        Set<Path> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(DIR)) {
            files.filter(Files::isRegularFile).forEach(found::add);
        }
        assertThat(found).as("a new example needs its checks in this class").containsExactlyInAnyOrderElementsOf(ALL);
    }

    @Test
    void githubWorkflow() throws IOException {
        JsonNode wf = YAML.readTree(GITHUB.toFile());
        // YAML 1.1 readers turn the key 'on' into true; GitHub reads it as "on"
        JsonNode on = wf.has("on") ? wf.get("on") : wf.get("true");
        assertThat(on).as("on:").isNotNull();
        assertThat(names(on)).contains("pull_request", "push", "schedule", "workflow_dispatch");
        assertThat(on.get("schedule")).as("on.schedule").isNotEmpty();
        for (JsonNode s : on.get("schedule")) {
            assertCron(s.get("cron").asText(), "on.schedule cron");
        }
        JsonNode acceptShrink = on.path("workflow_dispatch").path("inputs").path("accept_shrink");
        if (!acceptShrink.isMissingNode()) {
            assertThat(acceptShrink.path("type").asText()).isEqualTo("boolean");
            assertThat(acceptShrink.path("default").asText())
                    .as("the guard is on unless a person turns it off")
                    .isEqualTo("false");
        }
        assertThat(wf.path("permissions").path("contents").asText())
                .as("least privilege by default")
                .isEqualTo("read");

        JsonNode check = wf.path("jobs").path("check");
        JsonNode sync = wf.path("jobs").path("sync");
        assertThat(check.isObject()).as("jobs.check").isTrue();
        assertThat(sync.isObject()).as("jobs.sync").isTrue();

        assertThat(check.path("if").asText()).contains("pull_request", "push").doesNotContain("schedule");
        assertJavaSetup(check, "jobs.check");
        List<Parsed> checkRuns = parsed(githubInvocations(check, "jobs.check"));
        assertThat(checkRuns).as("jobs.check runs o365watch check").anyMatch(p -> p.is("check"));
        assertThat(checkRuns)
                .filteredOn(p -> p.is("check"))
                .allSatisfy(p -> assertThat(p.option("--format")).as(p.where()).isEqualTo("github"));

        assertThat(sync.path("if").asText())
                .contains("schedule", "workflow_dispatch")
                .doesNotContain("pull_request");
        assertThat(sync.path("permissions").path("contents").asText()).isEqualTo("write");
        assertThat(sync.path("permissions").path("pull-requests").asText()).isEqualTo("write");
        assertJavaSetup(sync, "jobs.sync");
        List<Parsed> syncRuns = parsed(githubInvocations(sync, "jobs.sync"));
        assertThat(syncRuns)
                .as("jobs.sync runs o365watch sync with the guard on")
                .anyMatch(p -> p.is("sync") && !p.has("--accept-shrink"));
        for (JsonNode step : sync.path("steps")) {
            String run = step.path("run").asText();
            boolean runsSync =
                    parsed(invocations(run, "sync step", false)).stream().anyMatch(p -> p.is("sync"));
            if (runsSync) {
                // a refusal (7) fails the job; it is never swallowed with || true
                assertThat(run)
                        .as("the sync step handles exit 7")
                        .containsPattern("(?m)^\\s*7\\)")
                        .contains("exit 7")
                        .doesNotContain("|| true");
            }
        }
    }

    private static void assertJavaSetup(JsonNode job, String where) {
        List<String> uses = new ArrayList<>();
        JsonNode setupJava = null;
        for (JsonNode step : job.path("steps")) {
            String u = step.path("uses").asText();
            uses.add(u);
            if (u.startsWith("actions/setup-java@")) {
                setupJava = step.path("with");
            }
        }
        assertThat(uses).as(where + " actions").contains("actions/checkout@v4", "actions/setup-java@v4");
        assertThat(setupJava.path("distribution").asText()).isEqualTo("temurin");
        assertThat(setupJava.path("java-version").asText()).isEqualTo("17");
        assertThat(setupJava.path("cache").asText()).isEqualTo("maven");
    }

    private static List<Invocation> githubInvocations(JsonNode job, String where) {
        List<Invocation> out = new ArrayList<>();
        int i = 0;
        for (JsonNode step : job.path("steps")) {
            if (step.has("run")) {
                String at = GITHUB.getFileName() + " " + where + ".steps[" + i + "].run";
                out.addAll(invocations(step.get("run").asText(), at, false));
            }
            i++;
        }
        return out;
    }

    @Test
    void gitlabPipeline() throws IOException {
        JsonNode ci = YAML.readTree(GITLAB.toFile());
        Map<String, JsonNode> jobs = gitlabJobs(ci);
        assertThat(jobs).as("jobs").isNotEmpty();

        Map.Entry<String, JsonNode> check = null;
        Map.Entry<String, JsonNode> sync = null;
        Parsed checkRun = null;
        for (Map.Entry<String, JsonNode> job : jobs.entrySet()) {
            for (Parsed p : parsed(gitlabInvocations(job.getKey(), job.getValue()))) {
                if (p.is("check")) {
                    check = job;
                    checkRun = p;
                }
                if (p.is("sync") && !p.has("--accept-shrink")) {
                    sync = job;
                }
            }
        }
        assertThat(check).as("a job runs o365watch check").isNotNull();
        assertThat(sync).as("a job runs o365watch sync with the guard on").isNotNull();

        assertThat(checkRun.option("--format")).isEqualTo("junit");
        Optional<String> written = checkRun.invocation().stdout();
        assertThat(written).as("check writes its JUnit XML to a file").isPresent();
        JsonNode junit = check.getValue().path("artifacts").path("reports").path("junit");
        List<String> reported = junit.isArray() ? texts(junit) : List.of(junit.asText());
        assertThat(reported)
                .as("artifacts:reports:junit is the file check writes")
                .contains(written.get());
        assertThat(check.getValue().path("artifacts").path("when").asText())
                .as("the report of a failed check is kept")
                .isEqualTo("always");
        for (JsonNode rule : check.getValue().path("rules")) {
            if (rule.path("if").asText().contains("schedule")) {
                assertThat(rule.path("when").asText())
                        .as("check stays out of the scheduled pipeline")
                        .isEqualTo("never");
            }
        }

        JsonNode rules = sync.getValue().path("rules");
        assertThat(rules).as(sync.getKey() + " rules").isNotEmpty();
        assertThat(texts(rules, "if"))
                .as("runs in the scheduled pipeline")
                .anyMatch(s -> s.matches(".*\\$CI_PIPELINE_SOURCE\\s*==\\s*\"schedule\".*"));
        assertThat(texts(rules, "if"))
                .as("and nowhere else, except to accept a reviewed shrink")
                .allMatch(s -> s.contains("\"schedule\"") || s.contains("ACCEPT_SHRINK"));
        String script = gitlabScript(sync.getValue());
        assertThat(script).as("a refusal (7) fails the job").contains("exit 7").doesNotContain("sync || true");
    }

    /** Top-level keys that are jobs: maps with a script, not keywords or hidden templates. */
    private static Map<String, JsonNode> gitlabJobs(JsonNode ci) {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : ci.properties()) {
            if (!e.getKey().startsWith(".")
                    && e.getValue().isObject()
                    && e.getValue().has("script")) {
                jobs.put(e.getKey(), e.getValue());
            }
        }
        return jobs;
    }

    private static String gitlabScript(JsonNode job) {
        StringBuilder s = new StringBuilder();
        for (String key : List.of("before_script", "script", "after_script")) {
            JsonNode n = job.path(key);
            List<String> parts = n.isArray() ? texts(n) : n.isMissingNode() ? List.of() : List.of(n.asText());
            parts.forEach(t -> s.append(t).append('\n'));
        }
        return s.toString();
    }

    private static List<Invocation> gitlabInvocations(String name, JsonNode job) {
        return invocations(gitlabScript(job), GITLAB.getFileName() + " " + name, false);
    }

    @Test
    void crontab() throws IOException {
        List<Invocation> found = new ArrayList<>();
        int n = 0;
        int jobs = 0;
        for (String line : Files.readAllLines(CRONTAB)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.matches("[A-Za-z_][A-Za-z0-9_]*\\s*=.*")) {
                continue; // comment or environment setting
            }
            jobs++;
            String[] parts = t.split("\\s+", 6);
            assertThat(parts)
                    .as("crontab:%d: five time fields and a command", n)
                    .hasSize(6);
            String schedule = String.join(" ", List.of(parts).subList(0, 5));
            assertCron(schedule, "crontab:" + n);
            String command = parts[5];
            assertThat(command)
                    .as("crontab:%d: cron turns %% into a line break", n)
                    .doesNotContain("%");
            List<SimpleCommand> commands = commands(command, false);
            List<Invocation> here = invocations(command, "crontab:" + n, false);
            assertThat(here).as("crontab:%d runs o365watch", n).isNotEmpty();
            for (Parsed p : parsed(here)) {
                assertThat(p.has("--accept-shrink"))
                        .as("a scheduled sync keeps the guard on")
                        .isFalse();
                boolean cd = commands.get(0).words().size() == 2
                        && commands.get(0).words().get(0).equals("cd")
                        && commands.get(0).words().get(1).startsWith("/");
                boolean absoluteConfig =
                        p.option("--config") != null && p.option("--config").startsWith("/");
                assertThat(cd || absoluteConfig)
                        .as("crontab:%d runs in the config's directory or names it absolutely", n)
                        .isTrue();
                assertThat(p.invocation().redirects())
                        .as("crontab:%d logs stdout and stderr", n)
                        .anyMatch(r -> r.op().equals(">>"))
                        .anyMatch(r -> r.op().equals("2>&") && r.target().equals("1"));
            }
            found.addAll(here);
        }
        assertThat(jobs).as("crontab lines").isPositive();
        assertThat(parsed(found)).anyMatch(p -> p.is("sync"));
    }

    @Test
    void systemdUnits() throws IOException {
        Map<String, Map<String, List<String>>> service = ini(Files.readString(SERVICE), SERVICE.toString());
        Map<String, Map<String, List<String>>> timer = ini(Files.readString(TIMER), TIMER.toString());
        assertThat(service).containsKeys("Unit", "Service");
        // a timer-activated service has no [Install]: the timer is what gets enabled
        assertThat(timer).containsKeys("Unit", "Timer", "Install");

        Map<String, List<String>> s = service.get("Service");
        assertThat(one(s, "Type")).isEqualTo("oneshot");
        assertThat(one(s, "User")).isEqualTo("o365watch");
        String workdir = one(s, "WorkingDirectory");
        assertThat(workdir).startsWith("/");
        assertThat(s.get("ExecStart")).hasSize(1);
        String exec = s.get("ExecStart").get(0).replaceFirst("^[-@:+!]+", "");
        List<Parsed> runs = parsed(invocations(exec, SERVICE.getFileName() + " ExecStart", false));
        assertThat(runs).as("ExecStart runs o365watch sync").singleElement().satisfies(p -> {
            assertThat(p.is("sync")).isTrue();
            assertThat(p.has("--accept-shrink"))
                    .as("a scheduled sync keeps the guard on")
                    .isFalse();
        });
        assertThat(isTrue(one(s, "NoNewPrivileges"))).as("NoNewPrivileges").isTrue();
        assertThat(isTrue(one(s, "PrivateTmp"))).as("PrivateTmp").isTrue();
        assertThat(one(s, "ProtectSystem")).isEqualTo("strict");
        List<String> writable = s.getOrDefault("ReadWritePaths", List.of()).stream()
                .flatMap(v -> Stream.of(v.split("\\s+")))
                .map(v -> v.replaceFirst("^-", ""))
                .toList();
        assertThat(writable)
                .as("ReadWritePaths covers the working directory")
                .anyMatch(w -> Path.of(workdir).startsWith(Path.of(w)));
        for (String v : s.getOrDefault("SuccessExitStatus", List.of())) {
            assertThat(v.split("\\s+"))
                    .as("exit 7 (guard refused) must show as a failure")
                    .doesNotContain("7");
        }

        Map<String, List<String>> t = timer.get("Timer");
        assertThat(t).containsKeys("OnCalendar", "RandomizedDelaySec");
        assertThat(isTrue(one(t, "Persistent"))).as("Persistent").isTrue();
        String serviceName = SERVICE.getFileName().toString();
        String unit = t.containsKey("Unit")
                ? one(t, "Unit")
                : TIMER.getFileName().toString().replaceFirst("\\.timer$", ".service");
        assertThat(unit).as("the timer starts the service").isEqualTo(serviceName);
        assertThat(timer.get("Install").get("WantedBy")).contains("timers.target");
    }

    @Test
    void systemdServeUnit() throws IOException {
        Map<String, Map<String, List<String>>> unit = ini(Files.readString(SERVE), SERVE.toString());
        assertThat(unit).containsKeys("Unit", "Service", "Install");
        Map<String, List<String>> s = unit.get("Service");
        Map<String, List<String>> sync =
                ini(Files.readString(SERVICE), SERVICE.toString()).get("Service");
        assertThat(one(s, "User")).isEqualTo("o365watch");
        assertThat(one(s, "Restart")).isEqualTo("on-failure");
        assertThat(one(s, "RestartPreventExitStatus"))
                .as("a usage error is not mended by a restart")
                .isEqualTo("2");
        List<Parsed> runs = parsed(invocations(one(s, "ExecStart"), SERVE.getFileName() + " ExecStart", false));
        assertThat(runs).singleElement().satisfies(p -> {
            assertThat(p.is("serve")).isTrue();
            assertThat(p.has("--tls-cert"))
                    .as("firewalls poll feeds over HTTPS")
                    .isTrue();
        });
        assertThat(s).as("serve writes nothing").doesNotContainKey("ReadWritePaths");
        // hardened like the sync unit: every one of its hardening settings, with the same value
        for (String key : List.of(
                "ProtectSystem",
                "ProtectHome",
                "PrivateTmp",
                "PrivateDevices",
                "NoNewPrivileges",
                "CapabilityBoundingSet",
                "RestrictAddressFamilies",
                "RestrictNamespaces",
                "RestrictRealtime",
                "RestrictSUIDSGID",
                "LockPersonality",
                "ProtectClock",
                "ProtectHostname",
                "ProtectKernelTunables",
                "ProtectKernelModules",
                "ProtectKernelLogs",
                "ProtectControlGroups",
                "SystemCallArchitectures",
                "SystemCallFilter",
                "SystemCallErrorNumber",
                "UMask")) {
            assertThat(s.get(key)).as(key).isEqualTo(sync.get(key)).isNotNull();
        }
        assertThat(unit.get("Install").get("WantedBy")).contains("multi-user.target");
    }

    /** Optional: systemd's own check, where systemd is installed (CI containers often lack it). */
    @Test
    void systemdAnalyzeVerifiesTheUnits(@TempDir Path tmp) throws IOException {
        // required under CI=true like every validator (.ci/run installs systemd)
        Path tool = Tools.require("systemd-analyze");
        Path service = tmp.resolve(SERVICE.getFileName());
        Path timer = tmp.resolve(TIMER.getFileName());
        // verify insists that ExecStart's program exists; this machine's java may live elsewhere
        String java = ProcessHandle.current().info().command().orElse("/usr/bin/java");
        Files.writeString(
                service,
                Files.readString(SERVICE)
                        .replaceAll("(?m)^ExecStart=\\S+", "ExecStart=" + Matcher.quoteReplacement(java)));
        Files.copy(TIMER, timer);
        Path serve = tmp.resolve(SERVE.getFileName());
        Files.writeString(
                serve,
                Files.readString(SERVE)
                        .replaceAll("(?m)^ExecStart=\\S+", "ExecStart=" + Matcher.quoteReplacement(java)));
        Tools.Run r = Tools.run(
                List.of(tool.toString(), "verify", "--man=no", service.toString(), timer.toString(), serve.toString()),
                null);
        List<String> ours = r.out().lines().filter(l -> l.contains("o365watch")).toList();
        assertThat(ours).as("systemd-analyze verify on the units:\n" + r.out()).isEmpty();
        assertThat(r.code()).as("systemd-analyze verify:\n" + r.out()).isZero();
    }

    /** Every o365watch command line anywhere in examples/ parses with the real command line. */
    @TestFactory
    Stream<DynamicTest> everyInvocationParses() throws IOException {
        List<Invocation> all = allInvocations();
        assertThat(all)
                .extracting(i -> i.where().split("[ :]")[0])
                .as("files with o365watch command lines")
                .contains(
                        GITHUB.getFileName().toString(),
                        GITLAB.getFileName().toString(),
                        CRONTAB.getFileName().toString(),
                        SERVICE.getFileName().toString());
        return all.stream()
                .map(i -> DynamicTest.dynamicTest(
                        i.where() + ": o365watch " + String.join(" ", i.args()), () -> parse(i)));
    }

    @Test
    void eachCiExampleRunsSyncAndCheck() throws IOException {
        for (Path ci : List.of(GITHUB, GITLAB)) {
            List<Parsed> p = parsed(allInvocations().stream()
                    .filter(i -> i.where().startsWith(ci.getFileName().toString()) && i.structured())
                    .toList());
            assertThat(p).as(ci + " runs sync").anyMatch(x -> x.is("sync"));
            assertThat(p).as(ci + " runs check").anyMatch(x -> x.is("check"));
        }
    }

    /** Scripts of every file, and command lines in backquotes (comments, the README). */
    static List<Invocation> allInvocations() throws IOException {
        List<Invocation> all = new ArrayList<>();
        JsonNode gh = YAML.readTree(GITHUB.toFile());
        for (Map.Entry<String, JsonNode> job : gh.path("jobs").properties()) {
            all.addAll(githubInvocations(job.getValue(), "jobs." + job.getKey()));
        }
        gitlabJobs(YAML.readTree(GITLAB.toFile())).forEach((name, job) -> all.addAll(gitlabInvocations(name, job)));
        int n = 0;
        for (String line : Files.readAllLines(CRONTAB)) {
            n++;
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.matches("[A-Za-z_][A-Za-z0-9_]*\\s*=.*")) {
                String[] parts = t.split("\\s+", 6);
                all.addAll(invocations(parts.length == 6 ? parts[5] : t, "crontab:" + n, false));
            }
        }
        for (Path unit : List.of(SERVICE, TIMER, SERVE)) {
            ini(Files.readString(unit), unit.toString())
                    .values()
                    .forEach(section -> section.forEach((k, vs) -> {
                        if (k.startsWith("Exec")) {
                            String at = unit.getFileName() + " " + k;
                            vs.forEach(v -> all.addAll(invocations(v.replaceFirst("^[-@:+!]+", ""), at, false)));
                        }
                    }));
        }
        Pattern quoted = Pattern.compile("`([^`\\n]+)`");
        for (Path f : ALL) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = quoted.matcher(lines.get(i));
                while (m.find()) {
                    for (Invocation inv : invocations(m.group(1), f.getFileName() + ":" + (i + 1), true)) {
                        if (!inv.args().isEmpty()) { // `o365watch` alone names the tool
                            all.add(new Invocation(inv.where(), inv.args(), inv.redirects(), false));
                        }
                    }
                }
            }
        }
        return all;
    }

    // ---------------------------------------------------------------- picocli

    /** Built as {@link Main#run} builds it (every subcommand), without executing anything. */
    static CommandLine commandLine() {
        CommandLine cl = Main.commandLine(new Root(Environment.system()), new String[0]);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpLongOptionsMaxWidth(30);
        return cl;
    }

    /** A parsed invocation: the subcommand and its matched options. */
    record Parsed(Invocation invocation, String command, ParseResult sub) {
        boolean is(String name) {
            return command.equals(name);
        }

        boolean has(String option) {
            return sub.hasMatchedOption(option);
        }

        String option(String name) {
            return sub.hasMatchedOption(name)
                    ? sub.matchedOption(name).getValue().toString()
                    : null;
        }

        String where() {
            return invocation.where();
        }
    }

    static Parsed parse(Invocation i) {
        ParseResult r;
        try {
            r = commandLine().parseArgs(i.args().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(
                    i.where() + ": o365watch " + String.join(" ", i.args()) + ": " + e.getMessage(), e);
        }
        assertThat(r.hasSubcommand()).as(i.where() + ": names a command").isTrue();
        ParseResult sub = r.subcommand();
        String name = sub.commandSpec().name();
        return new Parsed(i, name, sub);
    }

    static List<Parsed> parsed(List<Invocation> invocations) {
        return invocations.stream().map(ExamplesTest::parse).toList();
    }

    // ---------------------------------------------------------------- shell command lines

    record Redirect(String op, String target) {}

    record SimpleCommand(List<String> words, List<Redirect> redirects) {}

    /** The arguments after o365watch, with the redirections of that command; structured: from a script, not a comment. */
    record Invocation(String where, List<String> args, List<Redirect> redirects, boolean structured) {
        Optional<String> stdout() {
            return redirects.stream()
                    .filter(r -> r.op().equals(">") || r.op().equals(">>") || r.op().equals("1>"))
                    .map(Redirect::target)
                    .reduce((a, b) -> b);
        }
    }

    /** Words that may come before the program in a simple command. */
    static final Set<String> PREFIX_WORDS = Set.of(
            "{", "if", "then", "else", "elif", "do", "while", "until", "!", "time", "exec", "command", "nohup", "nice");

    static List<Invocation> invocations(String script, String where, boolean lenient) {
        List<Invocation> out = new ArrayList<>();
        for (SimpleCommand c : commands(script, lenient)) {
            o365watchArgs(c.words()).ifPresent(args -> out.add(new Invocation(where, args, c.redirects(), true)));
        }
        return out;
    }

    /** {@code [VAR=x] [exec|if|...] (o365watch|.../o365watch|java [-X...] -jar .../o365watch.jar) ARGS}. */
    static Optional<List<String>> o365watchArgs(List<String> words) {
        int i = 0;
        while (i < words.size()
                && (PREFIX_WORDS.contains(words.get(i)) || words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
            i++;
        }
        if (i >= words.size()) {
            return Optional.empty();
        }
        String program = words.get(i);
        if (program.equals("o365watch") || program.endsWith("/o365watch")) {
            return Optional.of(List.copyOf(words.subList(i + 1, words.size())));
        }
        if (program.equals("java") || program.endsWith("/java")) {
            for (int j = i + 1; j < words.size() - 1; j++) {
                String w = words.get(j);
                if (w.equals("-jar")) {
                    String jar = words.get(j + 1);
                    return jar.equals("o365watch.jar") || jar.endsWith("/o365watch.jar")
                            ? Optional.of(List.copyOf(words.subList(j + 2, words.size())))
                            : Optional.empty();
                }
                if (!w.startsWith("-")) {
                    return Optional.empty(); // a main class, not a jar
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Splits a POSIX shell script into simple commands: quotes, backslash escapes and line
     * continuations, comments, {@code $(...)} and {@code ${...}} kept whole, the separators
     * {@code ; & && | || ( )} and newlines, redirections ({@code > f}, {@code >>f}, {@code 2>&1})
     * taken out of the words, here-documents skipped. Lenient: an unclosed quote runs to the end.
     */
    static List<SimpleCommand> commands(String s, boolean lenient) {
        List<SimpleCommand> out = new ArrayList<>();
        Tokens t = new Tokens(out, lenient);
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (s.charAt(i + 1) == '\n') {
                    i += 2;
                } else if (s.startsWith("\r\n", i + 1)) {
                    i += 3;
                } else {
                    t.append(s.charAt(i + 1));
                    i += 2;
                }
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                end = t.closed(end, n, "'");
                t.append(s.substring(i + 1, Math.min(end, n)));
                i = end + 1;
            } else if (c == '"') {
                int end = t.closed(endOfDoubleQuote(s, i + 1), n, "\"");
                t.append(unescapeDoubleQuoted(s.substring(i + 1, Math.min(end, n))));
                i = end + 1;
            } else if (c == '$' && i + 1 < n && (s.charAt(i + 1) == '(' || s.charAt(i + 1) == '{')) {
                int end = t.closed(matching(s, i + 1), n, s.charAt(i + 1) == '(' ? "$(" : "${");
                t.append(s.substring(i, Math.min(end + 1, n)));
                i = end + 1;
            } else if (c == '`') {
                int end = t.closed(s.indexOf('`', i + 1), n, "`");
                t.append(s.substring(i, Math.min(end + 1, n)));
                i = end + 1;
            } else if (c == '#' && !t.inWord) {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r') {
                t.endWord();
                i++;
            } else if (c == '>' || c == '<' || (c == '&' && i + 1 < n && s.charAt(i + 1) == '>')) {
                String fd = t.inWord && t.word.toString().matches("\\d+") && !t.quoted ? t.takeWord() : "";
                t.endWord();
                StringBuilder op = new StringBuilder(fd).append(c);
                i++;
                if (c == '&') {
                    op.append('>');
                    i++;
                }
                if (i < n && (s.charAt(i) == '>' && c != '<' || s.charAt(i) == '&' || c == '<' && s.charAt(i) == '<')) {
                    op.append(s.charAt(i));
                    i++;
                    if (op.toString().endsWith("<<") && i < n && s.charAt(i) == '-') {
                        op.append('-');
                        i++;
                    }
                }
                t.redirect = op.toString();
            } else if (c == '\n') {
                t.endCommand();
                i++;
                if (t.heredoc != null) {
                    i = skipHeredoc(s, i, t.heredoc, t.heredocTabs);
                    t.heredoc = null;
                }
            } else if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
                t.endCommand();
                i++;
            } else {
                t.append(c);
                i++;
            }
        }
        t.endCommand();
        return out;
    }

    /** The word and command being built. */
    private static final class Tokens {
        final List<SimpleCommand> out;
        final boolean lenient;
        List<String> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord;
        boolean quoted;
        String redirect;
        String heredoc;
        boolean heredocTabs;

        Tokens(List<SimpleCommand> out, boolean lenient) {
            this.out = out;
            this.lenient = lenient;
        }

        void append(char c) {
            word.append(c);
            inWord = true;
        }

        void append(String s) {
            word.append(s);
            inWord = true;
            quoted = true;
        }

        int closed(int end, int n, String what) {
            if (end < 0) {
                if (!lenient) {
                    throw new IllegalArgumentException("unclosed " + what);
                }
                return n;
            }
            return end;
        }

        String takeWord() {
            String w = word.toString();
            word.setLength(0);
            inWord = false;
            quoted = false;
            return w;
        }

        void endWord() {
            if (!inWord) {
                return;
            }
            String w = takeWord();
            if (redirect != null) {
                if (redirect.startsWith("<<")) {
                    heredoc = w;
                    heredocTabs = redirect.endsWith("-");
                }
                redirects.add(new Redirect(redirect, w));
                redirect = null;
            } else {
                words.add(w);
            }
        }

        void endCommand() {
            endWord();
            if (redirect != null && !lenient) {
                throw new IllegalArgumentException("redirection " + redirect + " without a target");
            }
            redirect = null;
            if (!words.isEmpty() || !redirects.isEmpty()) {
                out.add(new SimpleCommand(List.copyOf(words), List.copyOf(redirects)));
            }
            words = new ArrayList<>();
            redirects = new ArrayList<>();
        }
    }

    private static int skipHeredoc(String s, int from, String delimiter, boolean tabs) {
        int i = from;
        while (i < s.length()) {
            int eol = s.indexOf('\n', i);
            int end = eol < 0 ? s.length() : eol;
            String line = s.substring(i, end);
            i = end + 1;
            if ((tabs ? line.replaceFirst("^\t+", "") : line).equals(delimiter)) {
                return i;
            }
        }
        return s.length();
    }

    /** The index of the closing {@code "} for a double-quoted string starting at {@code from}, or -1. */
    private static int endOfDoubleQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '$' && i + 1 < s.length() && (s.charAt(i + 1) == '(' || s.charAt(i + 1) == '{')) {
                i = matching(s, i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the bracket closing the one at {@code open}, skipping quoted text, or -1. */
    private static int matching(String s, int open) {
        char o = s.charAt(open);
        char close = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                i = s.indexOf('\'', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '"') {
                i = endOfDoubleQuote(s, i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == o) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String unescapeDoubleQuoted(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(i + 1);
                if (d == '\n') {
                    i++;
                    continue;
                }
                if (d == '"' || d == '\\' || d == '$' || d == '`') {
                    b.append(d);
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    @Test
    void shellSplitterHandlesWhatTheExamplesUse() {
        assertThat(commands("rc=0; bin/o365watch sync --accept-shrink > \"$RUNNER_TEMP/sync.txt\" || rc=$?", false))
                .containsExactly(
                        new SimpleCommand(List.of("rc=0"), List.of()),
                        new SimpleCommand(
                                List.of("bin/o365watch", "sync", "--accept-shrink"),
                                List.of(new Redirect(">", "$RUNNER_TEMP/sync.txt"))),
                        new SimpleCommand(List.of("rc=$?"), List.of()));
        String cron =
                "cd /srv/x && java -Xmx1g -jar /opt/o365watch.jar sync >>/var/log/s.log 2>&1 || echo \"failed $?\"";
        assertThat(commands(cron, false))
                .extracting(SimpleCommand::words)
                .containsExactly(
                        List.of("cd", "/srv/x"),
                        List.of("java", "-Xmx1g", "-jar", "/opt/o365watch.jar", "sync"),
                        List.of("echo", "failed $?"));
        assertThat(commands("o365watch check \\\n  --format 'ju'nit \\\n  --grace-days \"1\"4 # a comment\n", false))
                .containsExactly(new SimpleCommand(
                        List.of("o365watch", "check", "--format", "junit", "--grace-days", "14"), List.of()));
        assertThat(commands("x=\"$(gh pr list --head \"$b\" --jq 'a b')\" ; if o365watch check; then :; fi", false))
                .extracting(SimpleCommand::words)
                .contains(List.of("if", "o365watch", "check"));
        assertThat(commands("cat <<EOF\no365watch not-a-command\nEOF\no365watch sync", false))
                .extracting(SimpleCommand::words)
                .containsExactly(List.of("cat"), List.of("o365watch", "sync"));
        assertThat(o365watchArgs(
                        List.of("O365WATCH_JAVA_OPTS=-Xmx1g", "exec", "vendor/o365watch/bin/o365watch", "check")))
                .contains(List.of("check"));
        assertThat(o365watchArgs(List.of("cd", "/srv/o365watch"))).isEmpty();
        assertThat(o365watchArgs(List.of("java", "-jar", "other.jar", "sync"))).isEmpty();
        assertThatThrownBy(() -> commands("o365watch sync 'unclosed", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse(new Invocation("t", List.of("sync", "--no-such-option"), List.of(), true)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("--no-such-option");
        assertThatThrownBy(() -> parse(new Invocation("t", List.of("check", "--format", "xml"), List.of(), true)))
                .hasMessageContaining("xml");
    }

    // ---------------------------------------------------------------- cron

    static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    /** Five fields in crontab(5) syntax; an error message, or empty when valid. */
    static Optional<String> cronError(String schedule) {
        String[] f = schedule.strip().split("\\s+");
        if (f.length != 5) {
            return Optional.of("'" + schedule + "' has " + f.length + " fields, not 5");
        }
        try {
            cronField(f[0], 0, 59, null, 0);
            cronField(f[1], 0, 23, null, 0);
            cronField(f[2], 1, 31, null, 0);
            cronField(f[3], 1, 12, MONTHS, 1);
            cronField(f[4], 0, 7, DAYS, 0);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + schedule + "': " + e.getMessage());
        }
    }

    /** {@code *}, numbers, ranges {@code a-b}, steps after {@code *} or a range, lists; a lone name where the field has names. */
    private static void cronField(String field, int min, int max, List<String> names, int firstName) {
        if (names != null && names.contains(field.toLowerCase(Locale.ROOT))) {
            return; // crontab(5): names only alone, not in ranges or lists
        }
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty list item in '" + field + "'");
            }
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                int step = number(item.substring(slash + 1), "step in '" + item + "'");
                if (step < 1 || step > max - min + 1) {
                    throw new IllegalArgumentException("step " + step + " out of range in '" + item + "'");
                }
                if (!range.equals("*") && !range.contains("-")) {
                    throw new IllegalArgumentException("a step needs * or a range before it: '" + item + "'");
                }
            }
            if (range.equals("*")) {
                continue;
            }
            String[] ab = range.split("-", -1);
            if (ab.length > 2) {
                throw new IllegalArgumentException("bad range '" + range + "'");
            }
            int a = number(ab[0], "'" + item + "'");
            int b = ab.length == 2 ? number(ab[1], "'" + item + "'") : a;
            if (a < min || a > max || b < min || b > max) {
                throw new IllegalArgumentException("'" + item + "' outside " + min + "-" + max);
            }
            if (a > b) {
                throw new IllegalArgumentException("backwards range '" + range + "'");
            }
        }
    }

    private static int number(String s, String what) {
        if (!s.matches("\\d{1,2}")) {
            throw new IllegalArgumentException("not a number: " + what);
        }
        return Integer.parseInt(s);
    }

    static void assertCron(String schedule, String where) {
        assertThat(cronError(schedule)).as(where).isEmpty();
        String minute = schedule.strip().split("\\s+")[0];
        assertThat(minute)
                .as(where + ": one run at an odd minute, off the hour's rush")
                .matches("\\d+");
        assertThat(Integer.parseInt(minute) % 5)
                .as(where + ": minute " + minute + " is a round one")
                .isNotZero();
    }

    @Test
    void cronValidator() {
        for (String ok : List.of(
                "37 4 * * *", "*/15 0-6,22-23 1,15 * 1-5", "0 0 * jan sun", "59 23 31 12 7", "0-30/10 * * * *")) {
            assertThat(cronError(ok)).as(ok).isEmpty();
        }
        for (String bad : List.of(
                "* * * *",
                "* * * * * *",
                "60 4 * * *",
                "* 24 * * *",
                "* * 0 * *",
                "* * 32 * *",
                "* * * 13 *",
                "* * * * 8",
                "*/0 * * * *",
                "5/10 * * * *",
                "5-1 * * * *",
                "1,,2 * * * *",
                "a * * * *",
                "1-2-3 * * * *",
                "* * * jan-mar *",
                "-1 * * * *",
                "* * * * mon,tue")) {
            assertThat(cronError(bad)).as(bad).isPresent();
        }
    }

    // ---------------------------------------------------------------- systemd units

    /** systemd's INI dialect: sections of keys (a key may repeat), # and ; comments, \ continuations. */
    static Map<String, Map<String, List<String>>> ini(String text, String where) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            while (line.endsWith("\\") && i + 1 < lines.length) {
                line = line.substring(0, line.length() - 1) + " " + lines[++i].strip();
            }
            if (line.startsWith("[")) {
                if (!line.matches("\\[[A-Za-z][A-Za-z0-9-]*\\]")) {
                    fail(where + ":" + lineNo + ": bad section header " + line);
                }
                String name = line.substring(1, line.length() - 1);
                if (sections.containsKey(name)) {
                    fail(where + ":" + lineNo + ": section [" + name + "] appears twice");
                }
                current = new LinkedHashMap<>();
                sections.put(name, current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                fail(where + ":" + lineNo + ": not Key=Value: " + line);
            }
            if (current == null) {
                fail(where + ":" + lineNo + ": a key before any section");
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z][A-Za-z0-9]*")) {
                fail(where + ":" + lineNo + ": bad key '" + key + "'");
            }
            current.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return sections;
    }

    private static String one(Map<String, List<String>> section, String key) {
        assertThat(section).as(key).containsKey(key);
        List<String> values = section.get(key);
        assertThat(values).as(key + " is set once").hasSize(1);
        return values.get(0);
    }

    private static boolean isTrue(String v) {
        return Set.of("yes", "true", "on", "1").contains(v.toLowerCase(Locale.ROOT));
    }

    @Test
    void iniParserRejectsWhatSystemdWouldNot() {
        assertThat(ini("[Unit]\nA=1\n# c\n; c\n[Service]\nExecStart=a \\\n  b\nA=x\nA=y\n", "t"))
                .isEqualTo(Map.of(
                        "Unit",
                        Map.of("A", List.of("1")),
                        "Service",
                        Map.of("ExecStart", List.of("a  b"), "A", List.of("x", "y"))));
        assertThatThrownBy(() -> ini("[Unit]\n[Unit]\n", "t")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ini("A=1\n", "t")).hasMessageContaining("before any section");
        assertThatThrownBy(() -> ini("[Unit]\nnonsense\n", "t")).hasMessageContaining("not Key=Value");
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.path(field).asText()));
        return out;
    }
}
