package io.paperstream.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BurstSpecTest {

    @Test
    void readsTopicAndKeyphraseBurstsAndWritesThemBackTheSameWay() {
        BurstSpec topic = BurstSpec.parse("topic:vision@10+2x4");
        BurstSpec keyphrase = BurstSpec.parse(" keyphrase:Mixture  of Experts@12+1x3.5 ");

        assertThat(topic).isEqualTo(new BurstSpec(BurstSpec.Kind.TOPIC, "vision", 10, 2, 4.0));
        assertThat(topic).hasToString("topic:vision@10+2x4");
        assertThat(keyphrase.kind()).isEqualTo(BurstSpec.Kind.KEYPHRASE);
        assertThat(keyphrase.key()).as("as keyphrase extraction writes it").isEqualTo("mixture of experts");
        assertThat(keyphrase.multiplier()).isEqualTo(3.5);
        assertThat(keyphrase).hasToString("keyphrase:mixture of experts@12+1x3.5");
        assertThat(BurstSpec.parse(keyphrase.toString())).isEqualTo(keyphrase);
    }

    @Test
    void coversItsDaysOnly() {
        BurstSpec burst = BurstSpec.parse("topic:vision@10+2x4");

        assertThat(burst.endDay()).isEqualTo(12);
        assertThat(burst.covers(9)).isFalse();
        assertThat(burst.covers(10)).isTrue();
        assertThat(burst.covers(11)).isTrue();
        assertThat(burst.covers(12)).isFalse();
    }

    @Test
    void refusesMalformedSpecsNamingTheSyntax() {
        for (String spec : new String[] {
            "vision@10+2x4",
            "author:x@1+1x3",
            "topic:@1+1x3",
            "topic:vision@1x3",
            "topic:vision@1+2",
            "topic:vision@-1+2x3",
            "topic:vision@1+2x"
        }) {
            assertThatThrownBy(() -> BurstSpec.parse(spec))
                    .as(spec)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + spec + "' is not a burst")
                    .hasMessageContaining(BurstSpec.SYNTAX);
        }
    }

    @Test
    void refusesBurstsThatAddNothing() {
        assertThatThrownBy(() -> BurstSpec.parse("topic:vision@1+0x3")).hasMessageContaining("at least 1 day");
        assertThatThrownBy(() -> BurstSpec.parse("topic:vision@1+2x1")).hasMessageContaining("above 1");
        assertThatThrownBy(() -> BurstSpec.parse("topic:vision@1+2x0.5")).hasMessageContaining("above 1");
    }
}
