package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Which of these wildcards let traffic to anyone's content bypass my proxy?": generate says per
 * target what its hostname patterns admit, --tenant narrows what Microsoft's naming allows, and
 * --exclude-tenant-shared (selection.excludeTenantShared) leaves the rest to the proxy. On the
 * shipped snapshots.
 */
class WildcardRiskTest {
    static final String SHIPPED = Path.of("snapshots").toAbsolutePath().toString();

    @TempDir
    Path tmp;

    TestCli cli;

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine"));
    }

    private Result generate(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "generate",
                "--store",
                SHIPPED,
                "--out",
                tmp.resolve("out").toString(),
                "--target",
                "pac",
                "--option",
                "pac.proxy=PROXY proxy.corp.test:8080",
                "--target",
                "edl",
                "--target",
                "nftables",
                "--category",
                "optimize",
                "--category",
                "allow"));
        args.addAll(java.util.List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void generateSaysPerTargetWhatItsHostnamePatternsAdmit() {
        Result r = generate();

        assertThat(r.code()).as(r.toString()).isZero();
        // nftables holds no hostnames: no row; edl takes '*' only as a whole label, so *-my.sharepoint.com is not in it
        assertThat(r.out()).contains("""
                Hostname patterns in the lists (a bypass or inspection exemption admits what they match):
                  TARGET  EXACT  SCOPED  BROAD  TENANT-SHARED
                """).doesNotContainPattern("(?m)^  nftables +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$");
        assertThat(r.out())
                .containsPattern(
                        "(?m)^  tenant-shared, admitting every customer's content, not only yours \\(--tenant .*: "
                                + "\\*-my\\.sharepoint\\.com \\(Optimize; SharePoint Online and OneDrive sites\\), \\*\\.sharepoint\\.com \\(Optimize; "
                                + "SharePoint Online and OneDrive sites\\)$")
                .doesNotContain("*.blob.core.windows.net");
        assertThat(r.out())
                .containsPattern(
                        "(?m)^  broad, a whole domain and far more than Microsoft 365: .*\\*\\.lync\\.com \\(Allow\\)");
        assertThat(r.out())
                .containsPattern("(?m)^  edl +[0-9]+ +[0-9]+ +[0-9]+ +1$")
                .containsPattern("(?m)^  pac +[0-9]+ +[0-9]+ +[0-9]+ +2$");
    }

    @Test
    void aTenantTakesTheNamesMicrosoftsNamingAllowsAndTheRestAreSaidToRemainShared() throws IOException {
        Result r = generate("--tenant", "contoso");

        assertThat(r.code()).as(r.toString()).isZero();
        String pac = Files.readString(tmp.resolve("out/pac/o365.pac"));
        assertThat(pac)
                .contains("contoso-my.sharepoint.com")
                .contains("contoso.sharepoint.com")
                .doesNotContain("\"*.sharepoint.com\"");
        assertThat(r.out())
                .doesNotContain("tenant-shared, admitting")
                .containsPattern("(?m)^  pac +[0-9]+ +[0-9]+ +[0-9]+ +0$");
    }

    @Test
    void excludeTenantSharedLeavesThemToTheProxyFromTheOptionOrTheConfigFile() throws IOException {
        Result option = generate("--exclude-tenant-shared");
        String pac = Files.readString(tmp.resolve("out/pac/o365.pac"));
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("o365watch.yaml"), """
                store: %s
                selection:
                  excludeTenantShared: true
                targets:
                  - name: edl
                """.formatted(SHIPPED));
        Result config = cli.run(
                "generate",
                "--config",
                site.resolve("o365watch.yaml").toString(),
                "--out",
                tmp.resolve("out2").toString(),
                "--target",
                "edl");

        assertThat(option.code()).as(option.toString()).isZero();
        assertThat(pac)
                .doesNotContain("\"*.sharepoint.com\"", "\"*-my.sharepoint.com\"")
                .contains("tenant-shared wildcards left out");
        assertThat(option.out())
                .contains(
                        "Note: 2 tenant-shared wildcards left out (excludeTenantShared): *-my.sharepoint.com, *.sharepoint.com")
                .doesNotContain("tenant-shared, admitting");
        assertThat(config.code()).as(config.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("out2/edl/o365-optimize-url.txt")))
                .doesNotContainPattern("(?m)^[^#].*sharepoint\\.com$")
                .contains("# Selection: categories Optimize, Allow; tenant-shared wildcards left out.");
    }
}
