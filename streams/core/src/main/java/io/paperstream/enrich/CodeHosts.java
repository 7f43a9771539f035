package io.paperstream.enrich;

import java.util.Locale;
import java.util.Set;

/**
 * Tells which URLs point at code repositories: GitHub, GitLab, Bitbucket, Codeberg, Gitee and
 * Hugging Face (models, datasets and spaces are git repositories there). A project page such as
 * {@code owner.github.io} is not a repository, nor is a host's own site ({@code github.com/features},
 * {@code huggingface.co/papers/...}). Stateless and thread-safe.
 */
public final class CodeHosts {

    private static final Set<String> REPOSITORY_HOSTS = Set.of(
            "github.com",
            "gist.github.com",
            "raw.githubusercontent.com",
            "gitlab.com",
            "bitbucket.org",
            "codeberg.org",
            "gitee.com",
            "huggingface.co",
            "hf.co");

    private static final Set<String> SITE_PAGES = Set.of(
            "about",
            "blog",
            "docs",
            "explore",
            "features",
            "join",
            "learn",
            "login",
            "marketplace",
            "papers",
            "posts",
            "pricing",
            "search",
            "settings",
            "signup",
            "sponsors",
            "topics",
            "tasks",
            "collections");

    private CodeHosts() {}

    /** Whether {@code url} names a repository (or an owner's repositories) on a code host. */
    public static boolean isCodeRepository(String url) {
        String[] hostAndPath = hostAndPath(url);
        if (hostAndPath == null || !REPOSITORY_HOSTS.contains(hostAndPath[0])) {
            return false;
        }
        String first = firstSegment(hostAndPath[1]);
        return !first.isEmpty() && !SITE_PAGES.contains(first.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code url} is a dataset repository (a Hugging Face dataset). */
    public static boolean isDatasetRepository(String url) {
        String[] hostAndPath = hostAndPath(url);
        return hostAndPath != null
                && (hostAndPath[0].equals("huggingface.co") || hostAndPath[0].equals("hf.co"))
                && firstSegment(hostAndPath[1]).equals("datasets")
                && hostAndPath[1].length() > "/datasets/".length();
    }

    /** Host (lower case, without "www." and port) and path of an http(s) URL, or null. */
    private static String[] hostAndPath(String url) {
        int scheme = url == null ? -1 : url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int hostStart = scheme + 3;
        int hostEnd = hostStart;
        while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String host = url.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT);
        int port = host.indexOf(':');
        if (port >= 0) {
            host = host.substring(0, port);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        int pathEnd = hostEnd;
        while (pathEnd < url.length() && "?#".indexOf(url.charAt(pathEnd)) < 0) {
            pathEnd++;
        }
        return new String[] {host, url.substring(hostEnd, pathEnd)};
    }

    private static String firstSegment(String path) {
        int from = path.startsWith("/") ? 1 : 0;
        int to = path.indexOf('/', from);
        return to < 0 ? path.substring(from) : path.substring(from, to);
    }
}
