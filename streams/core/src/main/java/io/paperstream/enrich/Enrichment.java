package io.paperstream.enrich;

import java.util.List;

/**
 * What enrichment found in one paper: the fields of {@code EnrichedPaper} beside the paper itself.
 *
 * @param urls every URL of the abstract and the paper's links, repaired, de-duplicated, in order
 * @param codeUrls the URLs that point at code repositories (see {@link CodeHosts})
 * @param arxivId arXiv id without version, or null when none is known
 * @param codeReleased whether the paper links a code repository or says its code is (or will be) released
 * @param dataReleased whether the paper links a dataset repository or says its data or benchmark is released
 * @param wordCount words in the abstract
 * @param keyphrases multi-word technical terms, lower-cased, most salient first
 * @param contentHash {@link ContentHash} of title and abstract
 */
public record Enrichment(
        List<String> urls,
        List<String> codeUrls,
        String arxivId,
        boolean codeReleased,
        boolean dataReleased,
        int wordCount,
        List<String> keyphrases,
        String contentHash) {

    public Enrichment {
        urls = List.copyOf(urls);
        codeUrls = List.copyOf(codeUrls);
        keyphrases = List.copyOf(keyphrases);
    }
}
