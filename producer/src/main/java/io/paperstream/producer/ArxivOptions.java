package io.paperstream.producer;

import io.paperstream.producer.source.HarvestPages;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of {@code produce} that harvest arXiv: its Atom API, its new-submission feeds and OAI-PMH. */
final class ArxivOptions {

    private static final Set<String> METADATA_PREFIXES = Set.of("arXivRaw", "arXiv");

    @Option(
            names = "--arxiv-query",
            paramLabel = "QUERY",
            description = "Harvest arXiv's Atom API: this search_query (e.g. cat:cs.CL, 'ti:transformer AND "
                    + "cat:cs.LG'), newest submissions first, in pages of paperstream.arxiv.page-size.")
    String query;

    @Option(
            names = "--max-results",
            paramLabel = "N",
            description = "Results of --arxiv-query per round (default: ${DEFAULT-VALUE}).")
    int maxResults = 100;

    @Option(
            names = "--arxiv-rss",
            paramLabel = "CATEGORY",
            split = ",",
            description = "Harvest arXiv's RSS new-submission feed of these categories (e.g. cs.CL,cs.LG).")
    List<String> rssCategories = new ArrayList<>();

    @Option(
            names = "--arxiv-atom",
            paramLabel = "CATEGORY",
            split = ",",
            description = "Harvest arXiv's Atom new-submission feed of these categories.")
    List<String> atomCategories = new ArrayList<>();

    @Option(
            names = "--arxiv-oai",
            description = "Harvest arXiv's OAI-PMH repository (ListRecords, resumption tokens): a bulk harvest.")
    boolean oai;

    @Option(
            names = "--oai-set",
            paramLabel = "SET",
            description = "OAI-PMH set, such as cs or physics:hep-th (default: all).")
    String oaiSet;

    @Option(
            names = "--oai-from",
            paramLabel = "DATE",
            description = "First datestamp of the first OAI-PMH harvest (YYYY-MM-DD); later rounds go on from the "
                    + "latest record harvested.")
    LocalDate oaiFrom;

    @Option(names = "--oai-until", paramLabel = "DATE", description = "Last datestamp of the OAI-PMH harvest.")
    LocalDate oaiUntil;

    @Option(
            names = "--oai-metadata",
            paramLabel = "PREFIX",
            description = "OAI-PMH metadata format: arXivRaw (with the version history) or arXiv "
                    + "(default: ${DEFAULT-VALUE}).")
    String oaiMetadata = "arXivRaw";

    /** Whether any arXiv source is asked for. */
    boolean any() {
        return query != null || !rssCategories.isEmpty() || !atomCategories.isEmpty() || oai;
    }

    /** The harvests asked for, in the order API, RSS, Atom, OAI-PMH. */
    List<HarvestPages> harvests(URI api, URI feeds, URI oaiBase, int pageSize) throws UsageError {
        List<HarvestPages> harvests = new ArrayList<>();
        if (query != null) {
            if (query.isBlank() || maxResults < 1) {
                throw new UsageError("--arxiv-query needs a query and --max-results a positive number");
            }
            harvests.add(new HarvestPages.Api(api, query.strip(), pageSize, maxResults));
        }
        if (!rssCategories.isEmpty()) {
            harvests.add(new HarvestPages.Feeds(feeds, categories(rssCategories), false));
        }
        if (!atomCategories.isEmpty()) {
            harvests.add(new HarvestPages.Feeds(feeds, categories(atomCategories), true));
        }
        if (oai) {
            if (!METADATA_PREFIXES.contains(oaiMetadata)) {
                throw new UsageError("--oai-metadata must be arXivRaw or arXiv, not '" + oaiMetadata + "'");
            }
            if (oaiFrom != null && oaiUntil != null && oaiUntil.isBefore(oaiFrom)) {
                throw new UsageError("--oai-until " + oaiUntil + " is before --oai-from " + oaiFrom);
            }
            harvests.add(new HarvestPages.Oai(oaiBase, oaiMetadata, oaiSet, oaiFrom, oaiUntil));
        } else if (oaiSet != null || oaiFrom != null || oaiUntil != null) {
            throw new UsageError("--oai-set, --oai-from and --oai-until need --arxiv-oai");
        }
        return harvests;
    }

    private static List<String> categories(List<String> given) throws UsageError {
        List<String> categories = new ArrayList<>();
        for (String category : given) {
            if (!category.strip().matches("[A-Za-z-]+(\\.[A-Za-z-]+)?")) {
                throw new UsageError("Not an arXiv category: '" + category + "' (examples: cs.CL, math.AG, hep-th)");
            }
            categories.add(category.strip());
        }
        return categories;
    }
}
