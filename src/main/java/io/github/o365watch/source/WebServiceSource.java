package io.github.o365watch.source;

import okhttp3.HttpUrl;

/** The web service over HTTPS. The HTTP client and the ClientRequestId are set up on first use. */
final class WebServiceSource implements EndpointSource {
    private final SourceOptions options;
    private final HttpUrl base;
    private Http http;
    private String clientRequestId;

    WebServiceSource(SourceOptions options) {
        this.options = options;
        HttpUrl url = HttpUrl.parse(options.location());
        if (url == null) {
            throw new SourceConfigException("not a URL: " + io.github.o365watch.text.Printable.of(options.location()));
        }
        Http.checkAllowed(url);
        if (url.username().length() > 0 || url.password().length() > 0) {
            throw new SourceConfigException("the source URL must not carry credentials");
        }
        this.base = url;
    }

    @Override
    public String describe() {
        return base.toString().replaceAll("/$", "");
    }

    @Override
    public byte[] get(Resource resource) {
        if (http == null) {
            clientRequestId = ClientIdentity.resolve(options);
            http = new Http(options);
        }
        return http.get(url(resource), resource.describe());
    }

    HttpUrl url(Resource resource) {
        HttpUrl.Builder b = base.newBuilder();
        // a base with a path (a mirror behind a prefix) keeps it; empty segments from a trailing slash go
        if (!base.pathSegments().isEmpty()
                && base.pathSegments().get(base.pathSegments().size() - 1).isEmpty()) {
            b.removePathSegment(base.pathSegments().size() - 1);
        }
        resource.path().forEach(b::addPathSegment);
        resource.parameters().forEach(b::addQueryParameter);
        b.addQueryParameter("ClientRequestId", clientRequestId);
        return b.build();
    }
}
