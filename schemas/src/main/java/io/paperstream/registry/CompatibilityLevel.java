package io.paperstream.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The compatibility levels of the Confluent Schema Registry: which earlier versions of a subject
 * a new schema is checked against, and in which direction. BACKWARD (the Confluent default): the
 * new schema can read data written with the latest version.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Parses a level as the REST API spells it ("BACKWARD", case-insensitive). */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown compatibility level '" + name + "'; expected one of " + List.of(values()), e);
        }
    }

    /**
     * Why {@code candidate} may not be registered after {@code versions} (oldest first) under this
     * level; empty when it may.
     */
    public Optional<String> violation(Schema candidate, List<Schema> versions) {
        List<Schema> checked = transitive || versions.isEmpty() ? versions : List.of(versions.get(versions.size() - 1));
        for (Schema earlier : checked) {
            Optional<String> problem =
                    newReadsOld ? SchemaResolution.incompatibility(candidate, earlier) : Optional.empty();
            if (problem.isEmpty() && oldReadsNew) {
                problem = SchemaResolution.incompatibility(earlier, candidate);
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
