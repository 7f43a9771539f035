package io.paperstream.cli;

import io.paperstream.stack.Distribution;
import picocli.CommandLine.IVersionProvider;

/** {@code paperstream --version}: this build and the versions of what it runs. */
public final class PaperstreamVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "paperstream " + Distribution.paperstreamVersion(),
            "Kafka " + Distribution.kafkaVersion() + ", Apicurio Registry " + Distribution.registryVersion() + ", Java "
                    + Runtime.version()
        };
    }
}
