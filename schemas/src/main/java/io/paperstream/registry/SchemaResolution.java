package io.paperstream.registry;

import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Whether Avro schema resolution can read data written with one schema through another, with a
 * readable reason when it cannot. Compatibility levels, the in-memory registry and the serde all
 * ask this one question.
 */
public final class SchemaResolution {

    private SchemaResolution() {}

    /**
     * Why data written with {@code writer} cannot be read as {@code reader}: one line per problem
     * ("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: title"); empty when it can.
     */
    public static Optional<String> incompatibility(Schema reader, Schema writer) {
        SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(result.getIncompatibilities().stream()
                .map(problem -> problem.getType() + " at " + problem.getLocation() + ": " + problem.getMessage())
                .collect(Collectors.joining("; ")));
    }
}
