package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * lookup answers "it is in my logs but not in the list: why?" on the shipped snapshots: what is
 * known of a query that matches nothing, names without addresses, and --explain for a match.
 */
class LookupExplainsTest {
    static final String SHIPPED = Path.of("snapshots").toAbsolutePath().toString();

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    TestCli cli;

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine"));
    }

    @Test
    void aHostnameGoneInALaterVersionSaysUntilWhenAndWhere() {
        Result r = cli.run("lookup", "--store", SHIPPED, "ms.tific.com");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("""
                ms.tific.com:
                  no endpoint set of Worldwide 2019112700 lists it
                  listed until 2019102800 (2019-10-28) in set 114 (Common, Default) as ms.tific.com (no change records stored for\
                 2019112700); set 116 (Common, Default) as ms.tific.com (no change records stored for 2019112700); not listed from\
                 2019112700 (2019-11-27) on
                """);
    }

    @Test
    void theChangeRecordThatRemovedItIsNamed() {
        FakeService service = new FakeService(wm);
        String store = tmp.resolve("store").toString();
        service.publish("Worldwide", "2019102800");
        assertThat(cli.run("fetch", "--store", store, "--source", service.url()).code())
                .isZero();
        service.publish("Worldwide", "2019112700");
        service.changes("Worldwide", """
                [{"id": 4242, "endpointSetId": 114, "disposition": "Change", "impact": "RemovedUrl", "version": "2019112700",
                  "remove": {"urls": ["ms.tific.com"]}}]
                """);
        assertThat(cli.run("fetch", "--store", store, "--source", service.url()).code())
                .isZero();

        Result r = cli.run("lookup", "--store", store, "ms.tific.com");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains(
                        "in set 114 (Common, Default) as ms.tific.com (removed by Microsoft's change record 4242, change,"
                                + " RemovedUrl)")
                .contains(
                        "set 116 (Common, Default) as ms.tific.com (no change record of 2019112700 names its removal: review)");
    }

    @Test
    void anAddressOfAnotherInstanceAndTheNearestPrefixAreNamed() {
        Result other = cli.run("lookup", "--store", SHIPPED, "40.66.24.1");
        Result near = cli.run("lookup", "--store", SHIPPED, "2603:1047:ffff::1");

        assertThat(other.code()).as(other.toString()).isEqualTo(1);
        assertThat(other.out())
                .contains("  listed in USGovDoD 2019120400: set ")
                .contains(" as 40.66.24.0/21")
                .contains("(another cloud: --instance USGovDoD looks there)");
        assertThat(near.code()).as(near.toString()).isEqualTo(1);
        assertThat(near.out())
                .contains("  nearest listed in Worldwide 2019112700: 2603:1047::/48 in sets 12, 13, 22 (Skype, Allow)")
                .contains("(the same /32; the address is outside it)");
    }

    @Test
    void aNameWhoseSetPublishesNoAddressesSaysToAllowItByName() {
        Result r = cli.run("lookup", "--store", SHIPPED, "skydrive.wns.windows.com");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "  set 35 (Default) publishes no addresses: allow the name on the proxy; Microsoft publishes no"
                                + " addresses for it\n");
    }

    @Test
    void explainSaysWhatTheSitesSelectionAndTargetsDoWithAMatch() throws IOException {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("overrides.yaml"), """
                exclude:
                  - entry: 13.107.6.152/31
                    comment: carried over ExpressRoute
                """);
        Files.writeString(site.resolve("o365watch.yaml"), """
                store: %s
                selection:
                  categories: [Optimize]
                  families: ipv4
                  overrides: overrides.yaml
                targets:
                  - name: edl
                  - name: nftables
                    options:
                      table: o365watch
                """.formatted(SHIPPED));
        String config = site.resolve("o365watch.yaml").toString();

        Result ip = cli.run("lookup", "--config", config, "--explain", "52.112.10.20");
        Result host = cli.run("lookup", "--config", config, "--explain", "outlook.office365.com");
        Result excluded = cli.run("lookup", "--config", config, "--explain", "13.107.6.152");
        Result v6 = cli.run("lookup", "--config", config, "--explain", "--json", "2603:1047::1");

        assertThat(ip.code()).as(ip.toString()).isZero();
        assertThat(ip.out()).contains("""
                  set 11, 52.112.0.0/14: selected (categories Optimize; IPv4 only; 0 local additions, 1 local exclusion)
                    in: edl, nftables
                  set 12, 52.112.0.0/14: left out of the selection (categories Optimize): category Allow is not selected
                """);
        assertThat(host.out()).contains("""
                  set 1, outlook.office365.com: selected (categories Optimize; IPv4 only; 0 local additions, 1 local exclusion)
                    in: edl
                    not in nftables: it takes no hostnames
                """);
        assertThat(excluded.out())
                .contains("  set 1, 13.107.6.152/31: excluded by the overrides file: 'carried over ExpressRoute'\n");
        JsonNode hit = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(v6.out())
                .get(0)
                .get("hits")
                .get(0);
        assertThat(hit.get("explain").get("selected").asBoolean()).isFalse();
        assertThat(hit.get("explain").get("why").asText()).endsWith("IPv6 is not selected");
    }
}
