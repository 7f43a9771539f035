package io.paperstream.serving;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GET request to the API as the endpoints need it.
 *
 * @param path the decoded path, e.g. {@code /api/papers/2410.17215}
 * @param rawPath the path as sent, to forward
 * @param query the query parameters, decoded (the last of repeated ones)
 * @param forwarded whether another instance forwarded it (then it is never forwarded again)
 */
record ApiRequest(String path, String rawPath, Map<String, String> query, boolean forwarded) {

    /** Query parameter that limits an answer gathered from every instance to this instance's partitions. */
    static final String SCOPE = "scope";

    static final String LOCAL_SCOPE = "local";

    static ApiRequest of(URI uri, boolean forwarded) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new ApiRequest(uri.getPath(), uri.getRawPath(), Map.copyOf(query), forwarded);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The parameter, or {@code fallback} when absent or empty. */
    String param(String name, String fallback) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** The same request with these query parameters set (others kept). */
    ApiRequest with(Map<String, String> parameters) {
        Map<String, String> changed = new LinkedHashMap<>(query);
        changed.putAll(parameters);
        return new ApiRequest(path, rawPath, Map.copyOf(changed), forwarded);
    }

    /** Whether only this instance's partitions are asked for. */
    boolean localOnly() {
        return LOCAL_SCOPE.equals(query.get(SCOPE));
    }

    /** Path and query to forward to the instance that owns the key. */
    String pathAndQuery() {
        return rawPath + queryString(query);
    }

    /** Path and query that ask another instance for its own partitions only. */
    String localPathAndQuery() {
        Map<String, String> local = new LinkedHashMap<>(query);
        local.put(SCOPE, LOCAL_SCOPE);
        return rawPath + queryString(local);
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        query.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return out.toString();
    }
}
