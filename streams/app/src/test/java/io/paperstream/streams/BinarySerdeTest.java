package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.trends.Baseline;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The internal records' own layout: written and read back, and a layout it does not know is refused by number. */
class BinarySerdeTest {

    private final Serde<Baseline> serde = TrendTopology.baselineSerde();

    @Test
    void aRecordIsReadAsItWasWritten() {
        Baseline baseline = new Baseline(3.5, 12.25, 42L);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", baseline)))
                .isEqualTo(baseline);
    }

    @Test
    void anUnknownLayoutIsAnErrorThatSaysSo() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 9 where 1 was expected");
    }
}
