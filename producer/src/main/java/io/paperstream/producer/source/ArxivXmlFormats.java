package io.paperstream.producer.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where each arXiv XML format keeps a paper's fields: one mapping per format onto {@link ArxivPaper}. */
final class ArxivXmlFormats {

    private ArxivXmlFormats() {}

    /**
     * An Atom entry: {@code id} ({@code http://arxiv.org/abs/2401.00001v2} in the API,
     * {@code oai:arXiv.org:2401.00001v2} in the feeds), {@code title}, {@code summary}, {@code author/name},
     * {@code arxiv:primary_category} and {@code category} terms, {@code link}s, {@code arxiv:doi},
     * {@code published} (the first version) and {@code updated} (this version).
     */
    static ArxivPaper atom(XmlElement entry) {
        ArxivPaper paper = new ArxivPaper();
        paper.rawId = entry.childText("id");
        paper.title = entry.childText("title");
        paper.abstractText = entry.childText("summary");
        for (XmlElement author : entry.children("author")) {
            Optional.ofNullable(author.childText("name")).ifPresent(paper.authors::add);
        }
        entry.child("primary_category").ifPresent(primary -> paper.addCategories(primary.attribute("term")));
        entry.children("category").forEach(category -> paper.addCategories(category.attribute("term")));
        for (XmlElement link : entry.children("link")) {
            if ("alternate".equals(link.attribute("rel")) || "pdf".equals(link.attribute("title"))) {
                paper.addLink(link.attribute("href"));
            }
        }
        paper.doi = entry.childText("doi");
        paper.published = JsonFields.iso(entry.childText("published"));
        paper.updated = JsonFields.iso(entry.childText("updated"));
        return paper;
    }

    /**
     * An RSS 2.0 item: {@code guid} ({@code oai:arXiv.org:2401.00001v1}), {@code title}, {@code description},
     * {@code dc:creator} (the authors, comma-separated), {@code category} elements, {@code link} and
     * {@code pubDate} (the announcement).
     */
    static ArxivPaper rss(XmlElement item) {
        ArxivPaper paper = new ArxivPaper();
        paper.rawId = Optional.ofNullable(item.childText("guid")).orElse(item.childText("link"));
        paper.title = item.childText("title");
        paper.abstractText = item.childText("description");
        paper.authors.addAll(ArxivJsonlReader.splitAuthors(item.childText("creator")));
        item.children("category").forEach(category -> paper.addCategories(category.strippedText()));
        paper.addLink(item.childText("link"));
        paper.published = JsonFields.rfc1123(item.childText("pubDate"));
        return paper;
    }

    /** The datestamp of an OAI record's header (a day, or a time with a second-granularity repository). */
    static Instant datestamp(XmlElement record) {
        return record.child("header")
                .map(h -> JsonFields.iso(h.childText("datestamp")))
                .orElse(null);
    }

    /**
     * An OAI-PMH record: skipped when its header says {@code status="deleted"}; else its {@code arXivRaw}
     * metadata ({@code id}, {@code version} elements with their {@code date}s, {@code title}, {@code authors} as one
     * string, {@code categories}, {@code doi}, {@code abstract}) or its {@code arXiv} metadata ({@code created},
     * {@code updated}, {@code authors/author} with {@code keyname}, {@code forenames} and {@code suffix}).
     */
    static Optional<ReadResult> oai(XmlElement record, SourceLocation location, int position) {
        Optional<XmlElement> header = record.child("header");
        // a deleted record is the repository saying a paper was withdrawn from the set: no paper to send
        if (header.map(h -> "deleted".equals(h.attribute("status"))).orElse(false)) {
            return Optional.empty();
        }
        Optional<XmlElement> metadata = record.child("metadata");
        Optional<XmlElement> raw = metadata.flatMap(m -> m.child("arXivRaw"));
        Optional<XmlElement> plain = metadata.flatMap(m -> m.child("arXiv"));
        if (raw.isEmpty() && plain.isEmpty()) {
            String identifier = header.map(h -> h.childText("identifier")).orElse("no identifier");
            return Optional.of(new BadRecord(
                    location, "entry " + position + " (" + identifier + "): no arXivRaw or arXiv metadata"));
        }
        ArxivPaper paper = raw.isPresent() ? arxivRaw(raw.get()) : arxiv(plain.get());
        return Optional.of(paper.build(SourceFormat.ARXIV_OAI, location, position));
    }

    private static ArxivPaper arxivRaw(XmlElement metadata) {
        ArxivPaper paper = common(metadata);
        paper.authors.addAll(ArxivJsonlReader.splitAuthors(metadata.childText("authors")));
        List<XmlElement> versions = metadata.children("version");
        if (!versions.isEmpty()) {
            paper.published = JsonFields.rfc1123(versions.get(0).childText("date"));
            XmlElement last = versions.get(versions.size() - 1);
            paper.updated = JsonFields.rfc1123(last.childText("date"));
            // the id has no version here: the last version element names it
            paper.rawId = paper.rawId == null || last.attribute("version") == null
                    ? paper.rawId
                    : paper.rawId + last.attribute("version");
        }
        return paper;
    }

    private static ArxivPaper arxiv(XmlElement metadata) {
        ArxivPaper paper = common(metadata);
        metadata.child("authors").ifPresent(authors -> {
            for (XmlElement author : authors.children("author")) {
                String name = String.join(
                                " ",
                                Optional.ofNullable(author.childText("forenames"))
                                        .orElse(""),
                                Optional.ofNullable(author.childText("keyname")).orElse(""),
                                Optional.ofNullable(author.childText("suffix")).orElse(""))
                        .strip();
                if (!name.isEmpty()) {
                    paper.authors.add(name);
                }
            }
        });
        paper.published = JsonFields.iso(metadata.childText("created"));
        paper.updated = JsonFields.iso(metadata.childText("updated"));
        return paper;
    }

    private static ArxivPaper common(XmlElement metadata) {
        ArxivPaper paper = new ArxivPaper();
        paper.rawId = metadata.childText("id");
        paper.title = metadata.childText("title");
        paper.abstractText = metadata.childText("abstract");
        paper.addCategories(metadata.childText("categories"));
        paper.doi = metadata.childText("doi");
        return paper;
    }
}
