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
 * verify --deny: which selected hostnames a DNS block list or a proxy deny list blocks, in each
 * form such lists are written in, through a parent domain and under a wildcard. On the shipped
 * snapshots.
 */
class VerifyDenyListTest {
    static final String SHIPPED = Path.of("snapshots").toAbsolutePath().toString();

    @TempDir
    Path tmp;

    TestCli cli;

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine"));
    }

    @Test
    void eachFormOfDenyListIsReadAndWhatItBlocksIsNamedWithItsSet() throws IOException {
        Path list = Files.writeString(tmp.resolve("blocklist.txt"), """
                # a hosts file
                0.0.0.0 outlook.office365.com
                127.0.0.1 localhost
                # dnsmasq
                address=/officeapps.live.com/0.0.0.0
                # AdGuard
                ||teams.microsoft.com^
                # a response policy zone
                $ORIGIN rpz.corp.test.
                *.lync.com CNAME .
                lync.com.rpz.corp.test. CNAME .
                # Squid: only ACLs a deny line names
                acl blocked dstdomain .sharepoint.com
                acl allowed dstdomain .office.com
                http_access deny blocked
                http_access allow allowed
                # a domain list
                login.microsoftonline.com
                """);

        Result r = cli.run("verify", "--store", SHIPPED, "--deny", list.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains(list + ": 7 blocked names (adguard 1, dnsmasq 1, domains 1, hosts 1, rpz 2, squid 1)")
                .containsPattern(
                        "(?m)^  outlook\\.office365\\.com +1 +Exchange +Optimize +yes +the name +blocklist\\.txt:2 0\\.0\\.0\\.0 outlook")
                .containsPattern(
                        "(?m)^  \\*\\.teams\\.microsoft\\.com +12 +Skype +Allow +yes +a parent domain +blocklist\\.txt:7 \\|\\|teams")
                .containsPattern("(?m)^  \\*\\.lync\\.com +12 +Skype +Allow +yes +a parent domain +blocklist\\.txt:10 ")
                .containsPattern(
                        "(?m)^  \\*\\.sharepoint\\.com +31 +SharePoint +Optimize +yes +a parent domain +blocklist\\.txt:13 acl blocked")
                .containsPattern(
                        "(?m)^  nexus\\.officeapps\\.live\\.com +77 .* a parent domain +blocklist\\.txt:5 address=")
                .containsPattern("(?m)^  login\\.microsoftonline\\.com +56 .* the name +blocklist\\.txt:18 login")
                .doesNotContain("office.com ", "localhost");
    }

    @Test
    void aWildcardZoneEntryBlocksTheNamesUnderItNotTheNameItself() throws IOException {
        Path zone = Files.writeString(tmp.resolve("rpz.zone"), """
                *.outlook.office365.com CNAME .
                *.officeapps.live.com CNAME .
                """);

        Result r = cli.run("verify", "--store", SHIPPED, "--deny", zone.toString(), "--category", "optimize");

        assertThat(r.out()).doesNotContain("outlook.office365.com  ");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Blocked: nothing; no selected hostname is blocked by these lists.");
    }

    @Test
    void aFileThatIsNoDenyListIsAUsageErrorAndJsonAndJunitSayTheSame() throws IOException {
        Path none = Files.writeString(tmp.resolve("notes.txt"), "nothing to see here\n");
        Path list = Files.writeString(tmp.resolve("hosts"), "0.0.0.0 outlook.office365.com\n");

        Result empty = cli.run("verify", "--store", SHIPPED, "--deny", none.toString());
        Result neither = cli.run("verify", "--store", SHIPPED);
        Result json = cli.run("verify", "--store", SHIPPED, "--deny", list.toString(), "--json");
        Result junit = cli.run("verify", "--store", SHIPPED, "--deny", list.toString(), "--format", "junit");

        assertThat(empty.code()).as(empty.toString()).isEqualTo(2);
        assertThat(empty.err()).contains("--deny " + none + ": no blocked name read");
        assertThat(neither.code()).as(neither.toString()).isEqualTo(2);
        assertThat(neither.err())
                .contains("verify needs --against FILE (deployed configurations), --deny FILE (deny lists), or both");
        assertThat(json.code()).isEqualTo(1);
        assertThat(json.out())
                .contains("\"hostname\": \"outlook.office365.com\"", "\"how\": \"exact\"", "\"requiredClear\": false");
        assertThat(junit.out())
                .contains("name=\"outlook.office365.com\"")
                .contains("<failure message=\"a required hostname is blocked\"");
    }

    @Test
    void markdownAndCsvForDenyListsAloneEscapedAsAuditsAre() throws IOException {
        Path list = Files.writeString(tmp.resolve("hosts"), "0.0.0.0 outlook.office365.com # =HYPERLINK(\"x\")|`\n");
        Path config = Files.writeString(tmp.resolve("fw.txt"), "52.112.0.0/14\n");

        Result md = cli.run("verify", "--store", SHIPPED, "--deny", list.toString(), "--format", "markdown");
        Result csv = cli.run("verify", "--store", SHIPPED, "--deny", list.toString(), "--format", "csv");
        Result both = cli.run(
                "verify",
                "--store",
                SHIPPED,
                "--deny",
                list.toString(),
                "--against",
                config.toString(),
                "--format",
                "csv");

        assertThat(md.code()).as(md.toString()).isEqualTo(1);
        assertThat(md.out())
                .contains("## Blocked (3)")
                .contains("| `outlook.office365.com` | 1 | Exchange | Optimize | yes | the name |");
        assertThat(csv.code()).isEqualTo(1);
        assertThat(csv.out())
                .startsWith("hostname,endpointSetId,serviceArea,category,required,how,file,line,entry\n")
                .contains("outlook.office365.com,1,Exchange,Optimize,true,exact,");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--format csv is for deny lists alone (--deny)");
    }
}
