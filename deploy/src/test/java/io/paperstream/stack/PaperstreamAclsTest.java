package io.paperstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.streams.StreamsSettings;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class PaperstreamAclsTest {

    private static final String PRINCIPAL = "User:paperstream-streams";

    @Test
    void theGroupsConfigsAreTheApplicationsToAlterOnlyWhenItSetsThemOnAStreamsGroup() {
        assertThat(PaperstreamAcls.streams(PRINCIPAL, StreamsSettings.of(Map.of())).stream()
                        .filter(acl -> acl.pattern().resourceType() == ResourceType.GROUP)
                        .map(acl -> acl.pattern().name()))
                .containsOnly("paperstream");
        assertThat(groupOperations(Map.of())).containsExactlyInAnyOrder(AclOperation.READ, AclOperation.DESCRIBE);
        assertThat(groupOperations(Map.of("num.standby.replicas", "1")))
                .as("classic: Kafka Streams keeps the standby replicas itself")
                .doesNotContain(AclOperation.ALTER_CONFIGS);
        assertThat(groupOperations(Map.of("group.protocol", "streams")))
                .as("streams, nothing to set on the group")
                .doesNotContain(AclOperation.ALTER_CONFIGS);
        assertThat(groupOperations(Map.of("group.protocol", "streams", "session.timeout.ms", "10000")))
                .containsExactlyInAnyOrder(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.ALTER_CONFIGS);
    }

    private static List<AclOperation> groupOperations(Map<String, String> settings) {
        return PaperstreamAcls.streams(PRINCIPAL, StreamsSettings.of(settings)).stream()
                .filter(acl -> acl.pattern().resourceType() == ResourceType.GROUP)
                .map(AclBinding::entry)
                .map(AccessControlEntry::operation)
                .toList();
    }
}
