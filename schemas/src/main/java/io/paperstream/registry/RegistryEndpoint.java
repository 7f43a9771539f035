package io.paperstream.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * One registry URL as the HTTP client uses it: the base URI without credentials (also what
 * messages show) and the HTTP Basic Authorization header to send, if any.
 */
record RegistryEndpoint(String base, Optional<String> authorization) {

    static RegistryEndpoint parse(String url, SchemaRegistryClientConfig config) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(url, "the scheme must be http or https (or mock:// alone)");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "the URL has no host");
        }
        String base = scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        String userInfo = switch (config.credentialsSource()) {
            case USER_INFO -> config.userInfo();
            case URL -> uri.getUserInfo();
        };
        return new RegistryEndpoint(base, Optional.ofNullable(userInfo).map(RegistryEndpoint::basic));
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static ConfigException invalid(String url, String reason) {
        // the value is shown without its user info: it may hold a password
        return new ConfigException(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, url.replaceFirst("//[^/@]*@", "//"), reason);
    }

    @Override
    public String toString() {
        return base;
    }
}
