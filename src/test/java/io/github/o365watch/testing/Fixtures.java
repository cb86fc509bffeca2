package io.github.o365watch.testing;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Real data Microsoft published ({@code fixtures/m365}) and the few upstream responses the
 * tests build from the documented format ({@code upstream/}, see its README).
 */
public final class Fixtures {
    /** Every Worldwide version in the fixtures, oldest first. */
    public static final List<String> WORLDWIDE = List.of(
            "2018063000",
            "2018072800",
            "2018080200",
            "2018083000",
            "2018100100",
            "2018102900",
            "2018112800",
            "2019010700",
            "2019012800",
            "2019022800",
            "2019032800",
            "2019042900",
            "2019052800",
            "2019062800",
            "2019072900",
            "2019082800",
            "2019093000",
            "2019102800",
            "2019112700");
    /** Every USGovDoD version in the fixtures, oldest first. */
    public static final List<String> USGOVDOD = List.of(
            "2018063000",
            "2018073100",
            "2018082900",
            "2018100100",
            "2018102900",
            "2018112800",
            "2019010700",
            "2019011100",
            "2019011700",
            "2019012800",
            "2019020800",
            "2019021200",
            "2019022800",
            "2019042900",
            "2019052800",
            "2019053100",
            "2019062800",
            "2019072900",
            "2019082000",
            "2019082800",
            "2019093000",
            "2019102800",
            "2019112700",
            "2019120400");

    private Fixtures() {}

    /** The published endpoint sets of one version, as the fixture file's bytes. */
    public static byte[] endpoints(String instance, String version) {
        return resource("fixtures/m365/" + instance.toLowerCase(java.util.Locale.ROOT) + "/" + version + ".json");
    }

    /** The byte-exact response body of GET /endpoints/Worldwide saved on 2020-12-23 (data 2020092900). */
    public static byte[] wire() {
        return resource("fixtures/m365/worldwide/wire-2020-12-23.json");
    }

    public static Snapshot snapshot(String instance, String version) {
        return WireFormat.endpoints(
                endpoints(instance, version), Instance.parse(instance), Version.parse(version), "fixture");
    }

    public static List<String> versions(String instance) {
        return instance.equalsIgnoreCase("worldwide") ? WORLDWIDE : USGOVDOD;
    }

    public static byte[] resource(String path) {
        try (InputStream in =
                Objects.requireNonNull(Fixtures.class.getClassLoader().getResourceAsStream(path), path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(resource(path), StandardCharsets.UTF_8);
    }

    /** A /version answer for the given instance/version pairs. */
    public static String versionJson(String... instanceVersionPairs) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < instanceVersionPairs.length; i += 2) {
            items.add("{\"instance\":\"" + instanceVersionPairs[i] + "\",\"latest\":\"" + instanceVersionPairs[i + 1]
                    + "\"}");
        }
        return "[" + String.join(",", items) + "]";
    }
}
