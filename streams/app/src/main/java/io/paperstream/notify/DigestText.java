package io.paperstream.notify;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.TrendingPaper;
import java.util.List;

/** The plain-text part of a digest mail: for mail clients that show no HTML, and readable as it is. */
final class DigestText {

    private DigestText() {}

    static String render(
            DailyDigest digest, List<DigestSection> sections, List<TrendingPaper> trending, Subscriber subscriber) {
        StringBuilder text = new StringBuilder();
        underline(text, "Trending papers, " + digest.getDay(), '=');
        text.append(DigestMail.window(digest)).append('\n');
        for (DigestSection section : sections) {
            text.append('\n');
            underline(text, section.title(), '-');
            if (section.entries().isEmpty()) {
                text.append(DigestMail.NOTHING_ROSE).append('\n');
            }
            for (DigestEntry entry : section.entries()) {
                entry(text, entry, section.showKey());
            }
        }
        text.append('\n');
        underline(text, DigestMail.TRENDING_PAPERS, '-');
        if (trending.isEmpty()) {
            text.append(DigestMail.NOTHING_TRENDED).append('\n');
        }
        for (TrendingPaper paper : trending) {
            text.append(paper.getRank())
                    .append(". ")
                    .append(oneLine(paper.getTitle()))
                    .append(" (")
                    .append(DigestMail.gains(paper))
                    .append(")\n");
            links(text, paper.getUrl(), paper.getCodeUrl());
        }
        text.append("\n-- \n").append(DigestMail.reason(subscriber)).append('\n');
        return text.toString();
    }

    private static void entry(StringBuilder text, DigestEntry entry, boolean showKey) {
        text.append(entry.getRank())
                .append(". ")
                .append(DigestMail.name(entry, showKey))
                .append(": ")
                .append(entry.getCount())
                .append(" papers, expected ")
                .append(DigestMail.number(entry.getBaseline()))
                .append(", score ")
                .append(DigestMail.number(entry.getScore()))
                .append('\n');
        for (DigestPaper paper : entry.getPapers()) {
            text.append("   - ").append(oneLine(paper.getTitle())).append('\n');
            links(text, paper.getUrl(), paper.getCodeUrl());
        }
    }

    private static void links(StringBuilder text, String url, String codeUrl) {
        if (url != null) {
            text.append("     ").append(url).append('\n');
        }
        if (codeUrl != null) {
            text.append("     code: ").append(codeUrl).append('\n');
        }
    }

    private static void underline(StringBuilder text, String heading, char line) {
        text.append(heading)
                .append('\n')
                .append(String.valueOf(line).repeat(heading.length()))
                .append('\n');
    }

    private static String oneLine(String title) {
        return title.replace('\n', ' ').replace('\r', ' ');
    }
}
