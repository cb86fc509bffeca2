package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.PublishedVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceSelectionTest {
    private static final List<PublishedVersion> PUBLISHED = List.of(
            new PublishedVersion(Instance.parse("Worldwide"), Version.parse("2019112700")),
            new PublishedVersion(Instance.parse("USGovDoD"), Version.parse("2019120400")));

    private static List<String> names(List<Instance> list) {
        return list.stream().map(Instance::name).toList();
    }

    @Test
    void noNameMeansWorldwideAndRepeatsCountOnce() {
        assertThat(names(InstanceSelection.defaults().parsed())).containsExactly("Worldwide");
        assertThat(names(new InstanceSelection(List.of("usgovdod", "USGovDoD", "worldwide"), false).parsed()))
                .hasSize(2);
    }

    @Test
    void againstTheServiceTakesItsSpellingAndAllIsWhatItPublishes() {
        assertThat(names(new InstanceSelection(List.of("usgovdod"), false).against(PUBLISHED, "http://mirror")))
                .containsExactly("USGovDoD");
        assertThat(names(new InstanceSelection(List.of(), true).against(PUBLISHED, "http://mirror")))
                .containsExactlyInAnyOrder("Worldwide", "USGovDoD");
    }

    @Test
    void anInstanceTheServiceDoesNotPublishIsAUsageErrorNamingThoseItDoes() {
        assertThatThrownBy(() -> new InstanceSelection(List.of("China"), false).against(PUBLISHED, "http://mirror"))
                .isInstanceOf(UsageException.class)
                .hasMessage("no instance 'China' at http://mirror; published instances: Worldwide, USGovDoD");
    }

    @Test
    void offlineAllIsEveryStoredInstanceOrWorldwideWhenNothingIsStored() {
        List<Instance> stored = List.of(Instance.parse("USGovDoD"));
        assertThat(names(new InstanceSelection(List.of(), true).stored(stored))).containsExactly("USGovDoD");
        assertThat(names(new InstanceSelection(List.of(), true).stored(List.of())))
                .containsExactly("Worldwide");
    }

    @Test
    void anUnknownNameIsATypoUnlessTheStoreHoldsIt() {
        Instance custom = Instance.parse("Contoso");
        assertThat(InstanceSelection.known(custom, List.of(custom))).isEqualTo(custom);
        assertThatThrownBy(() -> InstanceSelection.known(Instance.parse("Worldwid"), List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--instance: unknown instance 'Worldwid'; the instances are Worldwide,")
                .hasMessageEndingWith("(case-insensitive)");
    }

    @Test
    void aMalformedNameIsAUsageErrorOfTheOption() {
        assertThatThrownBy(() -> new InstanceSelection(List.of("world wide"), false).parsed())
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--instance: ");
    }
}
