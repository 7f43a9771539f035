package io.paperstream.search;

import java.util.List;

/**
 * What the paper index knows of a paper: its text, its publication time and what it can be filtered by.
 *
 * @param id the paper's id
 * @param title its title
 * @param abstractText its abstract
 * @param publishedAt its publication time, epoch milliseconds
 * @param topics the ids of its topics
 * @param keyphrases its keyphrases (lower case)
 */
public record IndexedPaper(
        String id, String title, String abstractText, long publishedAt, List<String> topics, List<String> keyphrases) {}
