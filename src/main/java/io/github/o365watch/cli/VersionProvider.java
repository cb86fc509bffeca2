package io.github.o365watch.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ("dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Root.class.getPackage().getImplementationVersion();
        return new String[] {"o365watch " + (v == null ? "dev" : v)};
    }
}
