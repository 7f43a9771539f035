package io.paperstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private static final Schema PAPER_V1 = SchemaBuilder.record("Paper")
            .namespace("io.paperstream.test")
            .fields()
            .requiredString("id")
            .requiredString("title")
            .endRecord();
    private static final Schema PAPER_WITH_DEFAULTED_FIELD = SchemaBuilder.record("Paper")
            .namespace("io.paperstream.test")
            .fields()
            .requiredString("id")
            .requiredString("title")
            .name("language")
            .type()
            .stringType()
            .stringDefault("en")
            .endRecord();
    private static final Schema PAPER_WITH_REQUIRED_FIELD = SchemaBuilder.record("Paper")
            .namespace("io.paperstream.test")
            .fields()
            .requiredString("id")
            .requiredString("title")
            .requiredString("venue")
            .endRecord();
    private static final Schema PAPER_WITHOUT_TITLE = SchemaBuilder.record("Paper")
            .namespace("io.paperstream.test")
            .fields()
            .requiredString("id")
            .endRecord();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void givesGlobalIdsFromOneAndVersionsPerSubject() {
        int first = registry.register("papers.raw-value", PAPER_V1);
        int again = registry.register("papers.raw-value", PAPER_V1);
        int evolved = registry.register("papers.raw-value", PAPER_WITH_DEFAULTED_FIELD);
        int elsewhere = registry.register("papers.enriched-value", PAPER_V1);

        assertThat(first).isEqualTo(1);
        assertThat(again).as("re-registering returns the existing id").isEqualTo(1);
        assertThat(evolved).isEqualTo(2);
        assertThat(elsewhere)
                .as("the same schema has the same id in every subject")
                .isEqualTo(1);
        assertThat(registry.getLatestSchemaMetadata("papers.raw-value"))
                .isEqualTo(new SchemaMetadata("papers.raw-value", 2, 2, PAPER_WITH_DEFAULTED_FIELD));
        assertThat(registry.getSchemaById(1)).isEqualTo(PAPER_V1);
        assertThat(registry.getId("papers.raw-value", PAPER_V1)).isEqualTo(1);
        assertThat(registry.getAllSubjects()).containsExactly("papers.enriched-value", "papers.raw-value");
    }

    @Test
    void backwardIsTheDefaultAndRejectsAFieldWithoutDefault() {
        registry.register("papers.raw-value", PAPER_V1);

        IncompatibleSchemaException error = catchThrowableOfType(
                IncompatibleSchemaException.class,
                () -> registry.register("papers.raw-value", PAPER_WITH_REQUIRED_FIELD));

        assertThat(registry.getCompatibility("papers.raw-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(error.errorCode()).isEqualTo(409);
        assertThat(error.httpStatus()).isEqualTo(409);
        assertThat(error.serverMessage())
                .contains("papers.raw-value")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("venue");
        assertThat(registry.testCompatibility("papers.raw-value", PAPER_WITH_REQUIRED_FIELD))
                .isFalse();
        assertThat(registry.testCompatibility("papers.raw-value", PAPER_WITH_DEFAULTED_FIELD))
                .isTrue();
        assertThat(registry.testCompatibility("no.such-value", PAPER_WITH_REQUIRED_FIELD))
                .as("nothing to break")
                .isTrue();
    }

    @Test
    void forwardAndNoneFollowTheirDirections() {
        registry.register("papers.raw-value", PAPER_V1);
        registry.setCompatibility("papers.raw-value", CompatibilityLevel.FORWARD);

        assertThat(registry.testCompatibility("papers.raw-value", PAPER_WITHOUT_TITLE))
                .as("old readers need the title the new schema drops")
                .isFalse();
        assertThat(registry.testCompatibility("papers.raw-value", PAPER_WITH_REQUIRED_FIELD))
                .as("old readers ignore an added field")
                .isTrue();

        registry.setCompatibility("papers.raw-value", CompatibilityLevel.NONE);
        assertThat(registry.register("papers.raw-value", PAPER_WITHOUT_TITLE)).isEqualTo(2);
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() {
        Schema v1 = SchemaBuilder.record("Count").fields().requiredInt("count").endRecord();
        Schema v2 = SchemaBuilder.record("Count").fields().endRecord();
        Schema v3 = SchemaBuilder.record("Count")
                .fields()
                .name("count")
                .type()
                .stringType()
                .stringDefault("")
                .endRecord();
        registry.register("counts-value", v1);
        registry.register("counts-value", v2);

        assertThat(registry.testCompatibility("counts-value", v3))
                .as("BACKWARD checks only v2")
                .isTrue();
        registry.setGlobalCompatibility(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(registry.testCompatibility("counts-value", v3))
                .as("v3 cannot read v1's int count as a string")
                .isFalse();
    }

    @Test
    void missingSubjectsAndSchemasCarryTheirCodes() {
        registry.register("papers.raw-value", PAPER_V1);

        assertThat(catchThrowableOfType(
                                SubjectNotFoundException.class, () -> registry.getLatestSchemaMetadata("nope-value"))
                        .errorCode())
                .isEqualTo(40401);
        assertThat(catchThrowableOfType(SubjectNotFoundException.class, () -> registry.getId("nope-value", PAPER_V1))
                        .errorCode())
                .isEqualTo(40401);
        assertThat(catchThrowableOfType(
                                SchemaNotFoundException.class,
                                () -> registry.getId("papers.raw-value", PAPER_WITHOUT_TITLE))
                        .errorCode())
                .isEqualTo(40403);
        assertThat(catchThrowableOfType(SchemaNotFoundException.class, () -> registry.getSchemaById(99))
                        .serverMessage())
                .isEqualTo("Schema 99 not found");
    }

    @Test
    void deletingASubjectKeepsItsIdsReadable() {
        registry.register("papers.raw-value", PAPER_V1);
        registry.register("papers.raw-value", PAPER_WITH_DEFAULTED_FIELD);

        assertThat(registry.deleteSubject("papers.raw-value")).containsExactly(1, 2);
        assertThat(registry.getAllSubjects()).isEmpty();
        assertThat(registry.getSchemaById(2)).isEqualTo(PAPER_WITH_DEFAULTED_FIELD);
        assertThat(registry.register("papers.raw-value", PAPER_WITHOUT_TITLE))
                .as("a new history starts")
                .isEqualTo(3);
    }

    @Test
    void mockScopesAreSharedUntilDropped() {
        InMemorySchemaRegistryClient scoped = MockSchemaRegistry.getClientForScope("in-memory-test");
        scoped.register("papers.raw-value", PAPER_V1);

        assertThat(MockSchemaRegistry.getClientForScope("in-memory-test")).isSameAs(scoped);
        assertThat(MockSchemaRegistry.getClientForScope("another-scope").getAllSubjects())
                .isEmpty();
        MockSchemaRegistry.dropScope("in-memory-test");
        MockSchemaRegistry.dropScope("another-scope");
        assertThat(MockSchemaRegistry.getClientForScope("in-memory-test").getAllSubjects())
                .isEmpty();
        MockSchemaRegistry.dropScope("in-memory-test");
    }
}
