package io.paperstream.streams;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.TrendingPaper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders a {@link DailyDigest} as Markdown: what {@code paperstream digest} prints. */
public final class DigestMarkdown {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DigestMarkdown() {}

    public static String render(DailyDigest digest) {
        StringBuilder md = new StringBuilder();
        md.append("# Trending papers, ").append(digest.getDay()).append("\n\n");
        md.append(digest.getPapersInWindow())
                .append(digest.getPapersInWindow() == 1 ? " paper" : " papers")
                .append(" published from ")
                .append(time(digest.getWindowStart()))
                .append(" to ")
                .append(time(digest.getWindowEnd()))
                .append(" UTC.\n");
        section(md, "Rising topics", "Topic", digest.getTopics(), true);
        section(md, "Rising keyphrases", "Keyphrase", digest.getKeyphrases(), false);
        trending(md, digest.getTrendingPapers());
        return md.toString();
    }

    private static void trending(StringBuilder md, List<TrendingPaper> papers) {
        md.append("\n## Trending papers\n\n");
        if (papers.isEmpty()) {
            md.append("No paper gained upvotes or stars within the trending horizon before the window's end.\n");
            return;
        }
        md.append("| Rank | Paper | Topic | Upvotes gained | Stars gained | Score |\n");
        md.append("|---:|---|---|---:|---:|---:|\n");
        for (TrendingPaper paper : papers) {
            md.append("| ").append(paper.getRank()).append(" | ").append(link(paper.getTitle(), paper.getUrl()));
            if (paper.getCodeUrl() != null) {
                md.append(" · ").append(link("code", paper.getCodeUrl()));
            }
            md.append(" | `")
                    .append(paper.getPrimaryTopic())
                    .append("` | ")
                    .append(paper.getUpvotesGain())
                    .append(" | ")
                    .append(paper.getStarsGain())
                    .append(" | ")
                    .append(number(paper.getScore()))
                    .append(" |\n");
        }
    }

    private static void section(
            StringBuilder md, String title, String column, List<DigestEntry> entries, boolean showKey) {
        md.append("\n## ").append(title).append("\n\n");
        if (entries.isEmpty()) {
            md.append("Nothing rose clearly above its usual level in this window.\n");
            return;
        }
        md.append("| Rank | ").append(column).append(" | Papers | Expected | Score |\n");
        md.append("|---:|---|---:|---:|---:|\n");
        for (DigestEntry entry : entries) {
            md.append("| ")
                    .append(entry.getRank())
                    .append(" | ")
                    .append(name(entry, showKey))
                    .append(" | ")
                    .append(entry.getCount())
                    .append(" | ")
                    .append(number(entry.getBaseline()))
                    .append(" | ")
                    .append(number(entry.getScore()))
                    .append(" |\n");
        }
        for (DigestEntry entry : entries) {
            md.append("\n### ")
                    .append(entry.getRank())
                    .append(". ")
                    .append(escape(label(entry)))
                    .append("\n\n");
            if (entry.getPapers().isEmpty()) {
                md.append("No paper to show.\n");
            }
            for (DigestPaper paper : entry.getPapers()) {
                md.append("- ").append(link(paper.getTitle(), paper.getUrl()));
                if (paper.getCodeUrl() != null) {
                    md.append(" · ").append(link("code", paper.getCodeUrl()));
                }
                md.append('\n');
            }
        }
    }

    private static String name(DigestEntry entry, boolean showKey) {
        String label = escape(label(entry));
        return showKey && !entry.getKey().equals(entry.getLabel()) ? label + " (`" + entry.getKey() + "`)" : label;
    }

    private static String label(DigestEntry entry) {
        return entry.getLabel().isEmpty() ? entry.getKey() : entry.getLabel();
    }

    private static String link(String text, String url) {
        if (url == null) {
            return escape(text);
        }
        return "[" + escape(text) + "]("
                + url.replace(" ", "%20").replace("(", "%28").replace(")", "%29") + ")";
    }

    /** Escapes the characters that would change Markdown structure in running text or a table cell. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>|#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
