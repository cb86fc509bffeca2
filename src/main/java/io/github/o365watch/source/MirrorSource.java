package io.github.o365watch.source;

import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A mirror directory written by {@code o365watch mirror}, read instead of the network. */
final class MirrorSource implements EndpointSource {
    private final Path root;
    private final long maxBody;

    MirrorSource(Path root, long maxBody) {
        if (!Files.isDirectory(root)) {
            throw new SourceConfigException(
                    "--source " + root + ": no such directory (a mirror directory or an https:// URL)");
        }
        this.root = root;
        this.maxBody = maxBody;
    }

    @Override
    public String describe() {
        return "mirror " + root;
    }

    /**
     * The endpoints must be the ones the index names for its version; otherwise the lists could be
     * stored under the wrong version (a mirror being written, or edited by hand).
     */
    private void checkIndexed(Resource resource, byte[] body) {
        if (resource.owner().isEmpty()) {
            return;
        }
        MirrorLayout.Entry entry = MirrorLayout.index(root).get(resource.owner().get());
        if (entry == null || entry.files().isEmpty()) {
            return; // a mirror not written by o365watch: nothing to check against
        }
        String sha = entry.files().get(resource.mirrorFile());
        if (sha == null || !sha.equals(io.github.o365watch.domain.Checksums.sha256(body))) {
            throw new UpstreamException(
                    resource.describe() + ": the mirror " + root + " is inconsistent: " + resource.mirrorFile()
                            + (sha == null
                                    ? " is not part of the version its version.json names ("
                                    : " is not the file its version.json names for ")
                            + entry.latest() + (sha == null ? ")" : "") + "; run mirror again");
        }
    }

    @Override
    public boolean has(Resource resource) {
        return MirrorLayout.find(root, resource).isPresent();
    }

    @Override
    public byte[] get(Resource resource) {
        if (resource instanceof Resource.Endpoints e
                && (!e.query().serviceAreas().isEmpty() || e.query().noIpv6())) {
            throw new UpstreamException(resource.describe() + ": a mirror holds only the unfiltered lists");
        }
        Path file = MirrorLayout.find(root, resource)
                .orElseThrow(() -> new UpstreamException(resource.describe() + ": the mirror " + root + " has no "
                        + root.relativize(MirrorLayout.path(root, resource))));
        try (InputStream in = Files.newInputStream(file)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBody + 1));
            if (body.length > maxBody) {
                throw new InvalidDataException(
                        resource.describe() + ": " + file + " is over the limit of " + maxBody + " bytes");
            }
            checkIndexed(resource, body);
            return body;
        } catch (IOException e) {
            throw new UpstreamException(resource.describe() + ": cannot read " + file + ": " + Printable.reason(e), e);
        }
    }
}
