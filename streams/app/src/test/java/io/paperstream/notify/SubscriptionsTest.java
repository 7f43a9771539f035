package io.paperstream.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsTest {

    @TempDir
    Path directory;

    @Test
    void readsAddressesWithOptionalTopicsSkippingCommentsAndBlankLines() throws IOException {
        Path file = write("""
                # paperstream digest subscribers
                ada@example.org

                  bob@example.org   nlp,multimodal
                carol+papers@lab.example.net efficiency
                """);

        List<Subscriber> subscribers = Subscriptions.read(file);

        assertThat(subscribers)
                .extracting(Subscriber::address, Subscriber::topics, Subscriber::line)
                .containsExactly(
                        tuple("ada@example.org", Set.of(), 2),
                        tuple("bob@example.org", Set.of("nlp", "multimodal"), 4),
                        tuple("carol+papers@lab.example.net", Set.of("efficiency"), 5));
        assertThat(subscribers.get(0).followsEverything()).isTrue();
        assertThat(subscribers.get(1).followsEverything()).isFalse();
    }

    @Test
    void anInvalidAddressIsReportedWithItsFileAndLine() throws IOException {
        Path file = write("ada@example.org\n# a comment\nnot-an-address\n");

        assertThatThrownBy(() -> Subscriptions.read(file))
                .isInstanceOf(SubscriptionsException.class)
                .hasMessageStartingWith(file + ":3: invalid e-mail address not-an-address");
    }

    @Test
    void anAddressWithADisplayNameOrAngleBracketsIsNotAPlainAddress() throws IOException {
        Path file = write("<ada@example.org>\n");

        assertThatThrownBy(() -> Subscriptions.read(file))
                .isInstanceOf(SubscriptionsException.class)
                .hasMessageStartingWith(file + ":1: invalid e-mail address <ada@example.org>");
    }

    @Test
    void anInvalidTopicIdIsReportedWithItsFileAndLine() throws IOException {
        Path file = write("ada@example.org nlp,,vision\n");

        assertThatThrownBy(() -> Subscriptions.read(file))
                .isInstanceOf(SubscriptionsException.class)
                .hasMessage(file + ":1: invalid topic id '' (taxonomy ids: lower-case letters, digits and '-',"
                        + " comma-separated)");
    }

    @Test
    void extraWordsOnALineAreAnError() throws IOException {
        Path file = write("ada@example.org nlp vision\n");

        assertThatThrownBy(() -> Subscriptions.read(file))
                .isInstanceOf(SubscriptionsException.class)
                .hasMessage(
                        file + ":1: expected 'address [topic,topic...]', found 3 words: ada@example.org nlp vision");
    }

    @Test
    void theSameAddressTwiceIsAnErrorNamingBothLines() throws IOException {
        Path file = write("ada@example.org\nbob@example.org\nAda@Example.org nlp\n");

        assertThatThrownBy(() -> Subscriptions.read(file))
                .isInstanceOf(SubscriptionsException.class)
                .hasMessage(file + ":3: Ada@Example.org is already subscribed on line 1");
    }

    @Test
    void aFileWithoutSubscribersIsAnError() throws IOException {
        Path file = write("# nobody yet\n\n");

        assertThatThrownBy(() -> Subscriptions.read(file))
                .isInstanceOf(SubscriptionsException.class)
                .hasMessage(file + ": no subscriber (one address a line)");
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorNamingIt() throws IOException {
        Path file = directory.resolve("latin1.txt");
        Files.write(file, new byte[] {'a', '@', 'b', '.', 'c', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> Subscriptions.read(file))
                .isInstanceOf(SubscriptionsException.class)
                .hasMessage(file + ": not UTF-8 text");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("subscribers.txt"), text, StandardCharsets.UTF_8);
    }
}
