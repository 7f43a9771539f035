package io.paperstream.serde;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * A {@link SpecificData} that loads the generated classes of trusted packages itself. Avro 1.12.2
 * checks every class it loads by name against one JVM-wide list, filled from the system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} once, when Avro's validator class initializes; a
 * library cannot reliably add to it later. The check guards against a writer schema that names an
 * arbitrary class. The serde trusts exactly the packages it was built or configured for (our
 * generated records, or the package of a reader class the user passed); every other name still goes
 * through Avro's check.
 */
final class TrustedSpecificData extends SpecificData {

    /** The package of the classes generated from this module's schemas. */
    static final String GENERATED_PACKAGE = "io.paperstream.avro";

    private final Set<String> trustedPrefixes;
    private final ConcurrentMap<String, Optional<Class<?>>> trustedClasses = new ConcurrentHashMap<>();

    TrustedSpecificData(ClassLoader classLoader, Set<String> trustedPackages) {
        super(classLoader);
        this.trustedPrefixes =
                Set.copyOf(trustedPackages.stream().map(name -> name + ".").toList());
        addLogicalTypeConversions(this);
    }

    @Override
    public Class getClass(Schema schema) {
        Schema.Type type = schema.getType();
        if (type == Schema.Type.RECORD || type == Schema.Type.ENUM || type == Schema.Type.FIXED) {
            String className = getClassName(schema);
            if (isTrusted(className)) {
                Optional<Class<?>> trusted = trustedClasses.computeIfAbsent(className, this::load);
                if (trusted.isPresent()) {
                    return trusted.get();
                }
            }
        }
        return super.getClass(schema);
    }

    private boolean isTrusted(String className) {
        return trustedPrefixes.stream().anyMatch(className::startsWith);
    }

    private Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className, false, getClassLoader()));
        } catch (ClassNotFoundException e) {
            // Avro's own lookup (nested class names, generic fallback) takes over
            return Optional.empty();
        }
    }
}
