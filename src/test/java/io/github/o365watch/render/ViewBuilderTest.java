package io.github.o365watch.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.RawEndpointSet;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The view model, part by part: the neutral view every target sees and each target's own
 * {@link TargetView}, so that a broken form fails a test of its name, not only a golden diff.
 */
class ViewBuilderTest {
    private static RawEndpointSet set(int id, String category, List<String> urls, List<String> ips, String tcp) {
        return new RawEndpointSet(id, "Exchange", "Exchange Online", urls, ips, tcp, null, false, category, true, null);
    }

    private static Plan plan(RawEndpointSet... sets) {
        Snapshot s = Snapshot.parse(Instance.WORLDWIDE, Version.parse("2019112700"), List.of(sets));
        return Planner.plan(
                Selector.select(
                        s, new Selection(SetFilter.ALL, Families.BOTH, Optional.empty(), Overrides.NONE), false),
                Limits.EXACT);
    }

    private static TargetSpec spec(String properties) {
        return TargetSpec.parse("t", "id=t\noutput.1=t.txt t.mustache all\n" + properties);
    }

    private static Map<String, Object> view(TargetSpec spec, TargetView form, Plan plan, Map<String, String> options) {
        return new ViewBuilder(spec, form, plan, spec.resolve(options)).build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    private static Map<String, Object> category(Map<String, Object> view, String category) {
        return list(view, "categories").stream()
                .filter(g -> g.get("category").equals(category))
                .findFirst()
                .orElseThrow();
    }

    private static List<Object> values(List<Map<String, Object>> list, String key) {
        List<Object> out = new ArrayList<>();
        list.forEach(m -> out.add(m.get(key)));
        return out;
    }

    @Test
    void squidMakesADotDomainOnlyWhereTheDomainIsListedTooAndLeavesOutNamesUnderIt() {
        Plan plan = plan(set(
                1,
                "Optimize",
                List.of(
                        "office.com",
                        "*.office.com",
                        "outlook.office.com",
                        "b.teams.office.com",
                        "*.b.teams.office.com",
                        "*.lync.com",
                        "autodiscover.*.onmicrosoft.com",
                        "teams.microsoft.com"),
                List.of(),
                "443"));
        Map<String, Object> g = category(view(spec("hostnames=any"), new SquidView(), plan, Map.of()), "Optimize");

        // office.com and *.office.com make .office.com, which holds outlook.office.com and the nested
        // .b.teams.office.com
        assertThat(values(list(g, "squidDomains"), "value")).containsExactly(".office.com", "teams.microsoft.com");
        // *.lync.com alone is not .lync.com (that would admit lync.com): a regular expression, as the others
        assertThat(values(list(g, "squidRegex"), "value"))
                .containsExactlyInAnyOrder("\\.lync\\.com$", "^autodiscover\\..*\\.onmicrosoft\\.com$");
        assertThat(g).containsEntry("hasSquidDomains", true).containsEntry("hasSquidRegex", true);
        assertThat(list(g, "squidDomains").get(0))
                .containsEntry("isFirst", true)
                .containsEntry("isLast", false);
    }

    @Test
    void squidFormsOfAGroupWithoutWildcardsAreItsNamesAndNoRegex() {
        Plan plan = plan(set(1, "Optimize", List.of("outlook.office.com", "teams.microsoft.com"), List.of(), "443"));
        Map<String, Object> g = category(view(spec("hostnames=any"), new SquidView(), plan, Map.of()), "Optimize");
        assertThat(values(list(g, "squidDomains"), "value"))
                .containsExactly("outlook.office.com", "teams.microsoft.com");
        assertThat(list(g, "squidRegex")).isEmpty();
        assertThat(g).containsEntry("hasSquidRegex", false);
    }

    @Test
    void dnsmasqListsTheNamesTheTargetTakesInTheGroupsOrder() {
        Plan plan = plan(set(
                1,
                "Allow",
                List.of("*.office.com", "outlook.office.com", "*cdn.onenote.net"),
                List.of("13.107.6.152/31"),
                "443"));
        // hostnames=subdomains leaves out *cdn.onenote.net: dnsmasq cannot match it, and the neutral view notes it
        Map<String, Object> v = view(spec("hostnames=subdomains"), new DnsmasqView(), plan, Map.of());
        Map<String, Object> g = category(v, "Allow");
        assertThat(values(list(g, "dnsmasqDomains"), "value")).containsExactly("*.office.com", "outlook.office.com");
        assertThat(list(g, "dnsmasqDomains").get(1)).containsEntry("isLast", true);
        assertThat(values(list(v, "notExpressed"), "entry")).contains("*cdn.onenote.net");
    }

    @Test
    void pacType1SendsOptimizeDirectAndMakesExceptionsOfWhatItsWildcardsWouldTake() {
        Plan plan = plan(
                set(1, "Optimize", List.of("*.lync.com", "outlook.office.com"), List.of(), "443"),
                set(2, "Allow", List.of("a.lync.com"), List.of(), "443"),
                set(3, "Default", List.of("b.lync.com", "www.office.com"), List.of(), "443"));
        Map<String, Object> pac = pac(view(
                spec("hostnames=any\noption.type.pattern=[12]\noption.type.default=1"), new PacView(), plan, Map.of()));
        assertThat(values(list(pac, "direct"), "pattern")).containsExactly("*.lync.com", "outlook.office.com");
        // www.office.com is under no direct wildcard: the proxy gets it without an exception
        assertThat(values(list(pac, "exceptions"), "pattern")).containsExactly("a.lync.com", "b.lync.com");
        assertThat(pac).containsEntry("directCategories", "Optimize").containsEntry("hasExceptions", true);
    }

    @Test
    void pacType2SendsOptimizeAndAllowDirect() {
        Plan plan = plan(
                set(1, "Optimize", List.of("*.lync.com"), List.of(), "443"),
                set(2, "Allow", List.of("a.lync.com"), List.of(), "443"),
                set(3, "Default", List.of("b.lync.com"), List.of(), "443"));
        Map<String, Object> pac = pac(view(
                spec("hostnames=any\noption.type.pattern=[12]\noption.type.default=1"),
                new PacView(),
                plan,
                Map.of("type", "2")));
        assertThat(values(list(pac, "direct"), "pattern")).containsExactly("*.lync.com", "a.lync.com");
        assertThat(values(list(pac, "exceptions"), "pattern")).containsExactly("b.lync.com");
        assertThat(pac).containsEntry("directCategories", "Optimize and Allow");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pac(Map<String, Object> view) {
        return (Map<String, Object>) view.get("pac");
    }

    @Test
    void theNeutralViewHoldsNoTargetsOwnForms() {
        Plan plan = plan(set(1, "Optimize", List.of("*.office.com", "office.com"), List.of("13.107.6.152/31"), "443"));
        Map<String, Object> v = view(spec("hostnames=any"), TargetView.NONE, plan, Map.of());
        assertThat(v).doesNotContainKey("pac");
        assertThat(category(v, "Optimize"))
                .doesNotContainKeys("squidDomains", "squidRegex", "hasSquidDomains", "dnsmasqDomains")
                .containsKeys("hosts", "exactHosts", "wildcardHosts", "ipv4", "tcp", "notExpressed");
    }

    @Test
    void eachTargetViewSaysWhichKeysItAdds() {
        Plan plan = plan(
                set(1, "Optimize", List.of("*.office.com", "office.com"), List.of("13.107.6.152/31"), "443"),
                set(2, "Default", List.of("www.office.com"), List.of(), "443"));
        TargetSpec spec = spec("hostnames=any\noption.type.pattern=[12]\noption.type.default=1");
        Map<String, Object> neutral = view(spec, TargetView.NONE, plan, Map.of());
        for (TargetView form : List.of(new SquidView(), new DnsmasqView(), new PacView())) {
            Map<String, Object> v = view(spec, form, plan, Map.of());
            java.util.Set<String> added = new java.util.TreeSet<>(v.keySet());
            added.removeAll(neutral.keySet());
            java.util.Set<String> inGroups =
                    new java.util.TreeSet<>(category(v, "Optimize").keySet());
            inGroups.removeAll(category(neutral, "Optimize").keySet());
            added.addAll(inGroups);
            assertThat(added).as(form.getClass().getSimpleName()).isEqualTo(new java.util.TreeSet<>(form.keys()));
        }
    }

    @Test
    void whatATargetCannotTakeIsNotedOncePerCategoryGroupNotPerRuleGroup() {
        Plan plan = plan(
                set(
                        1,
                        "Optimize",
                        List.of("*.office.com", "outlook.office.com"),
                        List.of("13.107.6.152/31", "2603:1006::/40"),
                        "443"),
                set(2, "Optimize", List.of("teams.microsoft.com"), List.of("52.112.0.0/14"), "3478-3481"));
        Map<String, Object> v = view(spec("ipv6=false\nhostnames=exact\nports=true"), TargetView.NONE, plan, Map.of());
        assertThat(values(list(v, "notExpressed"), "text"))
                .containsExactly(
                        "optimize: 1 IPv6 prefixes: this target takes no IPv6",
                        "optimize: *.office.com: this target takes exact hostnames only");
        Map<String, Object> g = category(v, "Optimize");
        assertThat(list(g, "ipv6")).isEmpty();
        assertThat(values(list(g, "hosts"), "host")).containsExactly("outlook.office.com", "teams.microsoft.com");
        assertThat(list(v, "rules")).hasSize(2);
        for (Map<String, Object> rule : list(v, "rules")) {
            assertThat(list(rule, "notExpressed")).isEmpty();
        }
    }

    @Test
    void aRuleGroupWithoutPortsIsNotedForATargetWithPorts() {
        Plan plan = plan(set(1, "Default", List.of("www.office.com"), List.of(), null));
        Map<String, Object> withPorts = view(spec("hostnames=any\nports=true"), TargetView.NONE, plan, Map.of());
        assertThat(values(list(withPorts, "notExpressed"), "text"))
                .containsExactly("default-1: rule group: the endpoint sets list no ports, so no rule opens them");
        assertThat(list(view(spec("hostnames=any"), TargetView.NONE, plan, Map.of()), "notExpressed"))
                .isEmpty();
    }

    @Test
    void moreEntriesThanTheTargetTakesPerObjectAreNotedAndKept() {
        Plan plan = plan(
                set(1, "Optimize", List.of(), List.of("13.107.6.152/31", "13.107.18.10/31", "52.112.0.0/14"), "443"));
        Map<String, Object> v = view(spec("maxEntries=2"), TargetView.NONE, plan, Map.of());
        // comment text never holds "--", which ends or starts a comment in some formats: Safe writes "- -"
        assertThat(values(list(v, "notExpressed"), "text"))
                .containsExactly(
                        "optimize: 3 IPv4 prefixes: more than the 2 this target takes per object; use - -max-entries 2");
        assertThat(list(category(v, "Optimize"), "ipv4")).hasSize(3);
    }

    @Test
    void objectsHoldEachEntryOfTheRuleGroupsOnce() {
        // one address and one name open on two port signatures: two rule groups, one object each
        Plan plan = plan(
                set(1, "Optimize", List.of("outlook.office.com"), List.of("13.107.6.152/31"), "443"),
                set(2, "Optimize", List.of("outlook.office.com"), List.of("13.107.6.152/31"), "80"));
        Map<String, Object> v = view(spec("hostnames=any\nports=true"), TargetView.NONE, plan, Map.of());
        assertThat(list(v, "rules")).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> objects = (Map<String, Object>) v.get("objects");
        assertThat(values(list(objects, "ipv4"), "prefix")).containsExactly("13.107.6.152/31");
        assertThat(values(list(objects, "hosts"), "host")).containsExactly("outlook.office.com");
    }

    @Test
    void aPrefixAndAHostnameCarryTheirForms() {
        Plan plan = plan(set(1, "Optimize", List.of("*.office.com"), List.of("13.107.6.152/31"), "443,3478-3481"));
        Map<String, Object> g = category(view(spec("hostnames=any"), TargetView.NONE, plan, Map.of()), "Optimize");
        assertThat(list(g, "ipv4").get(0))
                .containsEntry("netmask", "255.255.255.254")
                .containsEntry("wildcardMask", "0.0.0.1")
                .containsEntry("last", "13.107.6.153")
                .containsEntry("isHost", false);
        assertThat(list(g, "hosts").get(0))
                .containsEntry("kind", "subdomains")
                .containsEntry("domain", "office.com")
                .containsEntry("regex", "\\.office\\.com$");
        assertThat(g).containsEntry("tcpText", "443,3478-3481").containsEntry("tcpSpaced", "443 3478-3481");
        assertThat(values(list(g, "tcp"), "colon")).containsExactly("443", "3478:3481");
    }
}
