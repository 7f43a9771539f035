package io.paperstream.producer;

import io.paperstream.producer.replay.BurstSpec;
import picocli.CommandLine;

/** Reads a {@code --burst} option: {@code topic:<id>@<day>+<days>x<multiplier>} or {@code keyphrase:<phrase>@...}. */
public final class BurstSpecConverter implements CommandLine.ITypeConverter<BurstSpec> {

    @Override
    public BurstSpec convert(String value) {
        try {
            return BurstSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
