package io.paperstream.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.TrendingPaper;
import io.paperstream.streams.CorpusDigest;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Digest mails rendered from a digest the whole pipeline made of the real corpus. */
class DigestMailTest {

    private static final Subscriber EVERYTHING = new Subscriber("ada@example.org", Set.of(), 1);

    private static DailyDigest digest;

    @BeforeAll
    static void digestOfTheCorpus() {
        digest = CorpusDigest.ofOneDay();
        // what the assertions below read: rising topics and keyphrases, papers with links and with code
        assertThat(digest.getTopics()).hasSizeGreaterThan(1);
        assertThat(digest.getKeyphrases()).isNotEmpty();
        assertThat(papers(digest)).anyMatch(p -> p.getUrl() != null);
        assertThat(papers(digest)).anyMatch(p -> p.getCodeUrl() != null);
        assertThat(digest.getTrendingPapers())
                .extracting(TrendingPaper::getPaperId, TrendingPaper::getUpvotesGain, TrendingPaper::getStarsGain)
                .containsExactlyInAnyOrder(
                        tuple("2603.00001", 40L, 0L), tuple("2603.00002", 12L, 0L), tuple("2603.00003", 0L, 25L));
    }

    @Test
    void theTextPartShowsEveryEntryAndEveryPaperWithItsLinks() {
        DigestMail mail = DigestMail.compose(digest, EVERYTHING).orElseThrow();

        assertThat(mail.subject())
                .isEqualTo("Trending papers, " + digest.getDay() + ": "
                        + digest.getTopics().get(0).getLabel() + ", "
                        + digest.getKeyphrases().get(0).getLabel());
        assertThat(mail.text())
                .startsWith("Trending papers, " + digest.getDay() + "\n")
                .contains(digest.getPapersInWindow() + " papers published from " + digest.getDay() + " 00:00 to ")
                .contains("Rising topics\n-------------\n", "Rising keyphrases\n-----------------\n")
                .endsWith("You receive this digest because ada@example.org subscribes to paperstream.\n");
        for (DigestEntry entry : entries(digest)) {
            assertThat(mail.text()).contains(entry.getRank() + ". " + entry.getLabel());
        }
        for (DigestPaper paper : papers(digest)) {
            assertThat(mail.text()).contains("   - " + paper.getTitle() + "\n");
            if (paper.getUrl() != null) {
                assertThat(mail.text()).contains(paper.getTitle() + "\n     " + paper.getUrl() + "\n");
            }
            if (paper.getCodeUrl() != null) {
                assertThat(mail.text()).contains("     code: " + paper.getCodeUrl() + "\n");
            }
        }
        assertThat(mail.text()).contains("Trending papers\n---------------\n");
        for (TrendingPaper paper : digest.getTrendingPapers()) {
            assertThat(mail.text())
                    .contains(paper.getRank() + ". " + paper.getTitle() + " (" + paper.getPrimaryTopic() + ", +"
                            + paper.getUpvotesGain() + " upvotes, +" + paper.getStarsGain() + " stars, score ");
        }
    }

    @Test
    void theHtmlPartLinksEveryPaperAndItsCode() {
        DigestMail mail = DigestMail.compose(digest, EVERYTHING).orElseThrow();

        assertThat(mail.html())
                .startsWith("<!DOCTYPE html>")
                .contains("<h1>Trending papers, " + digest.getDay() + "</h1>")
                .contains("<h2>Rising topics</h2>", "<h2>Rising keyphrases</h2>", "<h2>Trending papers</h2>")
                .endsWith("</body></html>\n");
        for (DigestEntry entry : entries(digest)) {
            assertThat(mail.html())
                    .contains("<h3>" + entry.getRank() + ". " + DigestHtml.escape(entry.getLabel()) + "</h3>");
        }
        for (DigestPaper paper : papers(digest)) {
            String title = DigestHtml.escape(paper.getTitle());
            assertThat(mail.html())
                    .contains(
                            paper.getUrl() == null
                                    ? "<li>" + title
                                    : "<a href=\"" + paper.getUrl() + "\">" + title + "</a>");
            if (paper.getCodeUrl() != null) {
                assertThat(mail.html()).contains(" · <a href=\"" + paper.getCodeUrl() + "\">code</a>");
            }
        }
        for (TrendingPaper paper : digest.getTrendingPapers()) {
            assertThat(mail.html())
                    .contains("<li><a href=\"" + paper.getUrl() + "\">" + DigestHtml.escape(paper.getTitle()) + "</a>");
        }
    }

    @Test
    void htmlSpecialCharactersAreEscaped() {
        assertThat(DigestHtml.escape("<script>\"a\" & 'b'</script>"))
                .isEqualTo("&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
    }

    @Test
    void aSubscriberWithTopicsSeesOnlyThoseTopicsAndEveryKeyphrase() {
        DigestEntry second = digest.getTopics().get(1);
        Subscriber follower = new Subscriber("bob@example.org", Set.of(second.getKey(), "no-such-topic"), 2);

        DigestMail mail = DigestMail.compose(digest, follower).orElseThrow();

        assertThat(mail.text()).contains(second.getRank() + ". " + second.getLabel() + " (" + second.getKey() + ")");
        for (DigestEntry other : digest.getTopics()) {
            if (!other.equals(second)) {
                assertThat(mail.text()).doesNotContain(" (" + other.getKey() + "):");
            }
        }
        for (DigestEntry keyphrase : digest.getKeyphrases()) {
            assertThat(mail.text()).contains(keyphrase.getRank() + ". " + keyphrase.getLabel() + ": ");
        }
        assertThat(mail.subject())
                .isEqualTo("Trending papers, " + digest.getDay() + ": " + second.getLabel() + ", "
                        + digest.getKeyphrases().get(0).getLabel());
        assertThat(mail.text())
                .endsWith("subscribes to paperstream for the topics " + second.getKey() + ", no-such-topic.\n");
    }

    @Test
    void aSubscriberWithTopicsSeesTheTrendingPapersOfThoseTopicsOnly() {
        TrendingPaper first = digest.getTrendingPapers().get(0);
        Subscriber follower = new Subscriber("dan@example.org", Set.of(first.getPrimaryTopic()), 4);

        DigestMail mail = DigestMail.compose(digest, follower).orElseThrow();

        for (TrendingPaper paper : digest.getTrendingPapers()) {
            String line = paper.getRank() + ". " + paper.getTitle() + " (";
            if (paper.getPrimaryTopic().equals(first.getPrimaryTopic())) {
                assertThat(mail.text()).contains(line);
                assertThat(mail.html()).contains(DigestHtml.escape(paper.getTitle()));
            } else {
                assertThat(mail.text()).doesNotContain(line);
            }
        }
    }

    @Test
    void aSubscriberWhoseTopicsDidNotRiseGetsNoMail() {
        Subscriber follower = new Subscriber("carol@example.org", Set.of("no-such-topic"), 3);

        assertThat(DigestMail.compose(digest, follower)).isEmpty();
    }

    @Test
    void theMessageIdDependsOnlyOnTheDayAndTheAddress() {
        Subscriber same = new Subscriber("Ada@Example.org", Set.of("nlp"), 7);
        Subscriber other = new Subscriber("bob@example.org", Set.of(), 2);

        String id = DigestMail.messageId(digest.getDay(), EVERYTHING);

        assertThat(id).matches("<digest-" + digest.getDay() + "\\.[0-9a-f]{24}@paperstream>");
        assertThat(DigestMail.messageId(digest.getDay(), same)).isEqualTo(id);
        assertThat(DigestMail.messageId(digest.getDay(), other)).isNotEqualTo(id);
        assertThat(DigestMail.messageId("2026-03-15", EVERYTHING)).isNotEqualTo(id);
    }

    @Test
    void theMessageIsMultipartAlternativeWithTextFirstAndItsOwnMessageId() throws Exception {
        DigestMail mail = DigestMail.compose(digest, EVERYTHING).orElseThrow();

        DigestMessage message = DigestMessage.of(
                Session.getInstance(new Properties()),
                mail,
                new InternetAddress("digest@paperstream.localhost"),
                new Date());

        assertThat(message.getMessageID()).isEqualTo(mail.messageId());
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(mail.text());
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(mail.html());
        assertThat(message.getSubject()).isEqualTo(mail.subject());
    }

    private static List<DigestEntry> entries(DailyDigest digest) {
        return Stream.concat(digest.getTopics().stream(), digest.getKeyphrases().stream())
                .toList();
    }

    private static List<DigestPaper> papers(DailyDigest digest) {
        return entries(digest).stream().flatMap(e -> e.getPapers().stream()).toList();
    }
}
