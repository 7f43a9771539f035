package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.registry.CompatibilityLevel;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.registry.IncompatibleSchemaException;
import io.paperstream.registry.SchemaMetadata;
import io.paperstream.registry.SchemaNotFoundException;
import io.paperstream.registry.SchemaRegistryClient;
import io.paperstream.registry.SubjectNotFoundException;
import io.paperstream.serde.JavaStringProperty;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The registry client against the real Apicurio Registry of the test stack, through its Confluent API:
 * every test works in a subject of its own ({@code <unique topic>-value}, TopicNameStrategy).
 */
@RealKafkaStack
class SchemaRegistryClientIT {

    /** PaperAbstract as the serde registers it: as written in its .avsc. */
    private static final Schema V1 = JavaStringProperty.removeFrom(PaperAbstract.getClassSchema());

    private final SchemaRegistryClient registry;
    private final String subject = TestTopics.unique("it-registry") + "-value";

    SchemaRegistryClientIT(StackEndpoints stack) {
        this.registry = new HttpSchemaRegistryClient(stack.registryUrl());
    }

    @Test
    void registersPaperAbstractAndServesItBackByIdAndBySchema() {
        int id = registry.register(subject, V1);

        assertThat(registry.getSchemaById(id)).isEqualTo(V1);
        assertThat(registry.getId(subject, V1)).isEqualTo(id);
        assertThat(registry.register(subject, V1))
                .as("registering the same schema again")
                .isEqualTo(id);
        assertThat(registry.getLatestSchemaMetadata(subject)).isEqualTo(new SchemaMetadata(subject, id, 1, V1));
        assertThat(registry.getAllSubjects()).contains(subject);
    }

    @Test
    void acceptsABackwardCompatibleV2WithANewOptionalFieldUnderANewId() {
        int v1 = registry.register(subject, V1);
        Schema v2 = withField(
                V1,
                new Schema.Field(
                        "doi",
                        Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                        "DOI when known.",
                        JsonProperties.NULL_VALUE));

        // the registry-wide level: Apicurio 2.6 answers NONE for GET /config/{subject} of a subject without
        // its own level, even with ?defaultToGlobal=true, while it enforces the global BACKWARD
        assertThat(registry.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.testCompatibility(subject, v2)).isTrue();
        int id = registry.register(subject, v2);

        assertThat(id).isNotEqualTo(v1);
        assertThat(registry.getLatestSchemaMetadata(subject)).isEqualTo(new SchemaMetadata(subject, id, 2, v2));
        assertThat(registry.getSchemaById(v1))
                .as("v1 stays readable for data written with it")
                .isEqualTo(V1);
    }

    @Test
    void rejectsANewRequiredFieldWithoutDefaultAs409NamingTheField() {
        registry.register(subject, V1);
        Schema withRequiredVenue = withField(
                V1, new Schema.Field("venue", Schema.create(Schema.Type.STRING), "Where the paper appeared.", (Object)
                        null));

        assertThat(registry.testCompatibility(subject, withRequiredVenue)).isFalse();
        IncompatibleSchemaException rejected = catchThrowableOfType(
                IncompatibleSchemaException.class, () -> registry.register(subject, withRequiredVenue));

        // Apicurio 2.6.13 answers HTTP 409 with error_code 409 (Confluent itself may send 40901) and the message
        // "...Incompatible artifact: <subject> [AVRO], num of incompatible diffs: {1}, list of diff types:
        // [venue at /fields/12] Causes: venue at /fields/12" (venue is the field after V1's)
        assertThat(rejected.httpStatus()).isEqualTo(409);
        assertThat(rejected.errorCode()).isIn(409, 40901);
        assertThat(rejected.serverMessage())
                .contains(
                        "Incompatible",
                        subject,
                        "venue at /fields/" + V1.getFields().size());
        assertThat(registry.getLatestSchemaMetadata(subject).version()).isEqualTo(1);
    }

    @Test
    void rejectsAChangedFieldTypeAs409NamingTheField() {
        registry.register(subject, V1);
        Schema numericTitle = withFieldType(V1, "title", Schema.create(Schema.Type.INT));

        assertThat(registry.testCompatibility(subject, numericTitle)).isFalse();
        IncompatibleSchemaException rejected =
                catchThrowableOfType(IncompatibleSchemaException.class, () -> registry.register(subject, numericTitle));

        // Apicurio names the field by its position: title is field 1
        assertThat(rejected.httpStatus()).isEqualTo(409);
        assertThat(rejected.errorCode()).isIn(409, 40901);
        assertThat(rejected.serverMessage())
                .contains("reader type: INT not compatible with writer type: STRING at /fields/1/type");
        assertThat(registry.getLatestSchemaMetadata(subject).schema()).isEqualTo(V1);
    }

    @Test
    void anUnknownSchemaIdIsSchemaNotFound40403() {
        SchemaNotFoundException missing = catchThrowableOfType(
                SchemaNotFoundException.class, () -> registry.getSchemaById(Integer.MAX_VALUE - 7));

        assertThat(missing.errorCode()).isEqualTo(40403);
        assertThat(missing.httpStatus()).isEqualTo(404);
    }

    @Test
    void anUnknownSubjectIsSubjectNotFound40401() {
        SubjectNotFoundException missing =
                catchThrowableOfType(SubjectNotFoundException.class, () -> registry.getLatestSchemaMetadata(subject));

        assertThat(missing.errorCode()).isEqualTo(40401);
        assertThat(missing.httpStatus()).isEqualTo(404);
        assertThat(missing.serverMessage()).contains(subject);
        assertThat(catchThrowableOfType(SubjectNotFoundException.class, () -> registry.getId(subject, V1)))
                .isNotNull();
    }

    /** {@code schema} with {@code field} appended. */
    private static Schema withField(Schema schema, Schema.Field field) {
        List<Schema.Field> fields = copyFields(schema, null, null);
        fields.add(field);
        return recordLike(schema, fields);
    }

    /** {@code schema} with the field {@code name} of another type. */
    private static Schema withFieldType(Schema schema, String name, Schema type) {
        return recordLike(schema, copyFields(schema, name, type));
    }

    private static List<Schema.Field> copyFields(Schema schema, String retyped, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.name().equals(retyped) ? type : field.schema()));
        }
        return fields;
    }

    private static Schema recordLike(Schema schema, List<Schema.Field> fields) {
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
