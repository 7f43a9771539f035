package io.paperstream.producer.source;

import io.paperstream.text.TextNormalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an arXiv feed entry (Atom, RSS or OAI-PMH) says about a paper, gathered field by field and then checked and
 * turned into a {@link PaperRecord} as every reader makes one: title and abstract normalized ({@link TextNormalizer})
 * with the source's text kept, authors as people read them, the canonical arXiv id, the abstract and PDF links.
 */
final class ArxivPaper {

    private static final String OAI_PREFIX = "oai:arXiv.org:";
    private static final Pattern VERSION = Pattern.compile("v(\\d{1,6})(?:\\.pdf)?$");
    // the new-submission feeds start each abstract with "arXiv:2412.00001v1 Announce Type: new \nAbstract: "
    private static final Pattern ANNOUNCEMENT =
            Pattern.compile("^\\s*arXiv:\\S+\\s+Announce Type:\\s*\\S+\\s*Abstract:\\s*", Pattern.CASE_INSENSITIVE);

    String rawId;
    String title;
    String abstractText;
    final List<String> authors = new ArrayList<>();
    final Set<String> categories = new LinkedHashSet<>();
    final Set<String> links = new LinkedHashSet<>();
    String doi;
    Instant published;
    Instant updated;

    /** The version number in an id such as {@code 2401.00001v2} or its PDF link; 0 when it has none. */
    static int version(String rawId) {
        Matcher version = VERSION.matcher(rawId == null ? "" : rawId.strip());
        return version.find() ? Integer.parseInt(version.group(1)) : 0;
    }

    /** The paper, or a bad record naming the entry's position when something it needs is missing. */
    ReadResult build(SourceFormat format, SourceLocation location, int position) {
        String raw = rawId == null ? null : strip(rawId.strip(), OAI_PREFIX);
        Optional<String> id = PaperId.normalizeArxivId(raw);
        if (id.isEmpty()) {
            return new BadRecord(
                    location,
                    "entry " + position + ": " + (raw == null ? "no arXiv id" : "no arXiv id in '" + raw + "'"));
        }
        String entry = "entry " + position + " (" + id.get() + ")";
        if (title == null || title.isBlank()) {
            return new BadRecord(location, entry + ": missing title");
        }
        String abstractBody =
                abstractText == null ? null : ANNOUNCEMENT.matcher(abstractText).replaceFirst("");
        if (abstractBody == null || abstractBody.isBlank()) {
            return new BadRecord(location, entry + ": empty abstract for title " + BadRecord.quote(title));
        }
        int version = version(raw);
        Instant latest = updated != null ? updated : published;
        return new PaperRecord(
                id.get(),
                TextNormalizer.normalize(title),
                TextNormalizer.normalize(abstractBody),
                title,
                abstractBody,
                authors.stream()
                        .map(TextNormalizer::normalize)
                        .filter(a -> !a.isEmpty())
                        .toList(),
                List.copyOf(categories),
                links(id.get(), version),
                format,
                location,
                published,
                latest == null ? null : new PaperRecord.Revision(version, latest));
    }

    private List<String> links(String id, int version) {
        List<String> all = new ArrayList<>(links);
        String abs = "https://arxiv.org/abs/" + id;
        String pdf = "https://arxiv.org/pdf/" + id + (version > 0 ? "v" + version : "");
        if (all.stream().noneMatch(link -> link.contains("/abs/"))) {
            all.add(abs);
        }
        if (all.stream().noneMatch(link -> link.contains("/pdf/"))) {
            all.add(pdf);
        }
        if (doi != null && !doi.isBlank()) {
            all.add("https://doi.org/" + doi.strip().split("\\s+")[0]);
        }
        return all.stream().distinct().toList();
    }

    /** Adds the words of a space-separated category list. */
    void addCategories(String spaceSeparated) {
        if (spaceSeparated != null) {
            for (String category : spaceSeparated.strip().split("\\s+")) {
                if (!category.isEmpty()) {
                    categories.add(category);
                }
            }
        }
    }

    /** Adds a link unless it is null or blank. */
    void addLink(String link) {
        if (link != null && !link.isBlank()) {
            links.add(link.strip());
        }
    }

    private static String strip(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length()) ? text.substring(prefix.length()) : text;
    }
}
