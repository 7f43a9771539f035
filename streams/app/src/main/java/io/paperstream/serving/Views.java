package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.avro.TrendingPaper;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.classify.ResearchTopic;
import io.paperstream.classify.Taxonomy;
import io.paperstream.serving.ApiModel.ClosedWindowView;
import io.paperstream.serving.ApiModel.DigestEntryView;
import io.paperstream.serving.ApiModel.DigestPaperView;
import io.paperstream.serving.ApiModel.DigestView;
import io.paperstream.serving.ApiModel.PaperSummaryView;
import io.paperstream.serving.ApiModel.PaperTopicView;
import io.paperstream.serving.ApiModel.PaperView;
import io.paperstream.serving.ApiModel.TopicChipView;
import io.paperstream.serving.ApiModel.TopicCountView;
import io.paperstream.serving.ApiModel.TrendView;
import io.paperstream.serving.ApiModel.TrendingPaperView;
import io.paperstream.serving.ApiModel.TrendingPapersView;
import io.paperstream.streams.PaperSighting;
import java.util.List;

/** Turns the pipeline's Avro records into the {@link ApiModel} shapes, with the taxonomy's topic names as labels. */
public final class Views {

    private final Taxonomy taxonomy;

    public Views(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** The name of a topic id; the id itself for a topic the taxonomy does not know. */
    public String label(String topicId) {
        ResearchTopic topic = taxonomy.topic(topicId);
        return topic == null ? topicId : topic.name();
    }

    /** Whether the taxonomy has a topic of this id. */
    public boolean knowsTopic(String topicId) {
        return taxonomy.topic(topicId) != null;
    }

    public TopicCountView count(String topic, TopicCount count) {
        return new TopicCountView(topic, label(topic), count.getPrimaryCount(), count.getAnyCount());
    }

    public ClosedWindowView closedWindow(TopicWindowCount count) {
        return new ClosedWindowView(
                count.getTopic(),
                label(count.getTopic()),
                count.getWindowStart(),
                count.getWindowEnd(),
                count.getPrimaryCount(),
                count.getAnyCount());
    }

    public TrendView trend(TopicTrend trend) {
        return new TrendView(
                trend.getTopic(),
                label(trend.getTopic()),
                trend.getWindowStart(),
                trend.getWindowEnd(),
                trend.getCount(),
                trend.getBaseline(),
                trend.getScore(),
                trend.getRank(),
                trend.getBaselineWindows());
    }

    public TrendView trend(KeywordTrend trend) {
        return new TrendView(
                trend.getKeyphrase(),
                trend.getKeyphrase(),
                trend.getWindowStart(),
                trend.getWindowEnd(),
                trend.getCount(),
                trend.getBaseline(),
                trend.getScore(),
                trend.getRank(),
                trend.getBaselineWindows());
    }

    public PaperView paper(ClassifiedPaper classified) {
        EnrichedPaper enriched = classified.getPaper();
        PaperAbstract paper = enriched.getPaper();
        List<PaperTopicView> topics = classified.getTopics().stream()
                .map(t -> new PaperTopicView(
                        t.getId(),
                        label(t.getId()),
                        t.getScore(),
                        List.copyOf(t.getEvidence()),
                        List.copyOf(t.getCategories())))
                .toList();
        return new PaperView(
                paper.getId(),
                paper.getTitle(),
                paper.getAbstract$(),
                List.copyOf(paper.getAuthors()),
                List.copyOf(paper.getCategories()),
                paper.getPublishedAt(),
                paper.getIngestedAt(),
                paper.getSource(),
                PaperSighting.paperUrl(enriched),
                enriched.getArxivId(),
                List.copyOf(enriched.getUrls()),
                List.copyOf(enriched.getCodeUrls()),
                enriched.getCodeReleased(),
                enriched.getDataReleased(),
                enriched.getWordCount(),
                List.copyOf(enriched.getKeyphrases()),
                classified.getPrimaryTopic(),
                topics,
                classified.getTaxonomyVersion());
    }

    public PaperSummaryView summary(ClassifiedPaper classified) {
        EnrichedPaper enriched = classified.getPaper();
        PaperAbstract paper = enriched.getPaper();
        List<TopicChipView> topics = classified.getTopics().stream()
                .map(t -> new TopicChipView(t.getId(), label(t.getId())))
                .toList();
        return new PaperSummaryView(
                paper.getId(),
                paper.getTitle(),
                PaperSighting.paperUrl(enriched),
                List.copyOf(enriched.getCodeUrls()),
                paper.getPublishedAt(),
                paper.getIngestedAt(),
                classified.getPrimaryTopic(),
                topics,
                List.copyOf(enriched.getKeyphrases()));
    }

    /** The ranking's papers whose primary topic {@code topic} is, all of them when it is null, ranks kept. */
    public TrendingPapersView trending(TrendingPapers ranking, String topic) {
        return new TrendingPapersView(
                ranking.getComputedAt(),
                ranking.getHorizonStart(),
                ranking.getPapers().stream()
                        .filter(p -> topic == null || p.getPrimaryTopic().equals(topic))
                        .map(this::trendingPaper)
                        .toList());
    }

    private TrendingPaperView trendingPaper(TrendingPaper p) {
        return new TrendingPaperView(
                p.getRank(),
                p.getPaperId(),
                p.getTitle(),
                p.getPrimaryTopic(),
                label(p.getPrimaryTopic()),
                p.getScore(),
                p.getUpvotesGain(),
                p.getStarsGain(),
                p.getUrl(),
                p.getCodeUrl());
    }

    public DigestView digest(DailyDigest digest) {
        return new DigestView(
                digest.getDay(),
                digest.getWindowStart(),
                digest.getWindowEnd(),
                digest.getPapersInWindow(),
                digest.getTopics().stream().map(Views::entry).toList(),
                digest.getKeyphrases().stream().map(Views::entry).toList(),
                digest.getTrendingPapers().stream().map(this::trendingPaper).toList());
    }

    private static DigestEntryView entry(DigestEntry entry) {
        return new DigestEntryView(
                entry.getKey(),
                entry.getLabel(),
                entry.getCount(),
                entry.getBaseline(),
                entry.getScore(),
                entry.getRank(),
                entry.getPapers().stream()
                        .map(p -> new DigestPaperView(p.getId(), p.getTitle(), p.getUrl(), p.getCodeUrl()))
                        .toList());
    }
}
