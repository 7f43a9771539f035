package io.paperstream.notify;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.TrendingPaper;
import java.util.List;

/** The HTML part of a digest mail: one self-contained page, inline styles only (mail clients drop style sheets). */
final class DigestHtml {

    private static final String CELL = " style=\"padding:2px 8px;text-align:right\"";

    private DigestHtml() {}

    static String render(
            DailyDigest digest, List<DigestSection> sections, List<TrendingPaper> trending, Subscriber subscriber) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape("Trending papers, " + digest.getDay()))
                .append("</title></head>\n<body style=\"font-family:sans-serif;max-width:720px\">\n<h1>")
                .append(escape("Trending papers, " + digest.getDay()))
                .append("</h1>\n<p>")
                .append(escape(DigestMail.window(digest)))
                .append("</p>\n");
        for (DigestSection section : sections) {
            section(html, section);
        }
        trending(html, trending);
        html.append("<hr>\n<p style=\"color:#666;font-size:small\">")
                .append(escape(DigestMail.reason(subscriber)))
                .append("</p>\n</body></html>\n");
        return html.toString();
    }

    private static void section(StringBuilder html, DigestSection section) {
        html.append("<h2>").append(escape(section.title())).append("</h2>\n");
        if (section.entries().isEmpty()) {
            html.append("<p>").append(escape(DigestMail.NOTHING_ROSE)).append("</p>\n");
            return;
        }
        html.append("<table><tr><th>Rank</th><th>")
                .append(escape(section.column()))
                .append("</th><th>Papers</th><th>Expected</th><th>Score</th></tr>\n");
        for (DigestEntry entry : section.entries()) {
            html.append("<tr><td")
                    .append(CELL)
                    .append('>')
                    .append(entry.getRank())
                    .append("</td><td>")
                    .append(escape(DigestMail.name(entry, section.showKey())))
                    .append("</td><td")
                    .append(CELL)
                    .append('>')
                    .append(entry.getCount())
                    .append("</td><td")
                    .append(CELL)
                    .append('>')
                    .append(DigestMail.number(entry.getBaseline()))
                    .append("</td><td")
                    .append(CELL)
                    .append('>')
                    .append(DigestMail.number(entry.getScore()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (DigestEntry entry : section.entries()) {
            html.append("<h3>")
                    .append(entry.getRank())
                    .append(". ")
                    .append(escape(DigestSection.label(entry)))
                    .append("</h3>\n<ul>\n");
            for (DigestPaper paper : entry.getPapers()) {
                html.append("<li>").append(link(paper.getTitle(), paper.getUrl()));
                if (paper.getCodeUrl() != null) {
                    html.append(" · ").append(link("code", paper.getCodeUrl()));
                }
                html.append("</li>\n");
            }
            html.append("</ul>\n");
        }
    }

    private static void trending(StringBuilder html, List<TrendingPaper> trending) {
        html.append("<h2>").append(escape(DigestMail.TRENDING_PAPERS)).append("</h2>\n");
        if (trending.isEmpty()) {
            html.append("<p>").append(escape(DigestMail.NOTHING_TRENDED)).append("</p>\n");
            return;
        }
        html.append("<ol>\n");
        for (TrendingPaper paper : trending) {
            html.append("<li>").append(link(paper.getTitle(), paper.getUrl()));
            if (paper.getCodeUrl() != null) {
                html.append(" · ").append(link("code", paper.getCodeUrl()));
            }
            html.append(" <span style=\"color:#666\">(")
                    .append(escape(DigestMail.gains(paper)))
                    .append(")</span></li>\n");
        }
        html.append("</ol>\n");
    }

    private static String link(String text, String url) {
        return url == null ? escape(text) : "<a href=\"" + escape(url) + "\">" + escape(text) + "</a>";
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
