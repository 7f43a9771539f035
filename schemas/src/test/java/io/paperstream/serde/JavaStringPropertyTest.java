package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class JavaStringPropertyTest {

    @Test
    void theGeneratedSchemasWithoutThePropertyAreTheAvscSchemas() {
        Map<String, Schema> avsc = AvscFiles.namedTypes();

        for (SpecificRecord sample : SampleRecords.all()) {
            Schema generated = sample.getSchema();
            Schema registrable = JavaStringProperty.removeFrom(generated);

            assertThat(generated.toString())
                    .as(generated.getFullName() + " as generated")
                    .contains("\"avro.java.string\"");
            assertThat(registrable.toString())
                    .as(generated.getFullName() + " as registered")
                    .doesNotContain("avro.java.string")
                    .isEqualTo(avsc.get(generated.getFullName()).toString());
        }
    }

    @Test
    void everyRecordOfTheAvscFilesHasASample() {
        assertThat(SampleRecords.all().stream()
                        .map(sample -> sample.getSchema().getFullName())
                        .collect(Collectors.toSet()))
                .isEqualTo(AvscFiles.namedTypes().keySet());
        assertThat(AvscFiles.DIRECTORY.toFile().list((dir, name) -> name.endsWith(".avsc")))
                .as("AvscFiles parses every .avsc file")
                .containsExactlyInAnyOrderElementsOf(AvscFiles.FILES);
    }

    @Test
    void stripsTypesAtEveryDepthButLeavesDefaultValuesAlone() {
        Schema withProperty = new Schema.Parser().parse("""
        {"type":"record","name":"Labels","fields":[
          {"name":"byTopic","type":{"type":"map","values":{"type":"string","avro.java.string":"String"},"avro.java.string":"String"},
           "default":{"avro.java.string":"kept"}},
          {"name":"maybe","type":["null",{"type":"array","items":{"type":"string","avro.java.string":"String"}}],"default":null}
        ]}""");

        Schema stripped = JavaStringProperty.removeFrom(withProperty);

        assertThat(stripped.toString()).isEqualTo(new Schema.Parser().parse("""
        {"type":"record","name":"Labels","fields":[
          {"name":"byTopic","type":{"type":"map","values":"string"},"default":{"avro.java.string":"kept"}},
          {"name":"maybe","type":["null",{"type":"array","items":"string"}],"default":null}
        ]}""").toString());
    }

    @Test
    void aSchemaWithoutThePropertyIsReturnedAsItIs() {
        Schema plain = AvscFiles.namedTypes().get("io.paperstream.avro.TopicCount");

        assertThat(JavaStringProperty.removeFrom(plain)).isSameAs(plain);
    }
}
