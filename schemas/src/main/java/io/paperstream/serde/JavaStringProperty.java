package io.paperstream.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Removes the {@value GenericData#STRING_PROP} property that classes generated with
 * {@code stringType=String} carry on every string type. The property only tells the Java reader
 * which class to build; a schema registered with it differs from the same {@code .avsc}
 * registered by any other client, so the serde registers and looks up schemas without it.
 */
public final class JavaStringProperty {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaStringProperty() {}

    /** The schema as written in its {@code .avsc}: {@code schema} without the property at any depth. */
    public static Schema removeFrom(Schema schema) {
        String text = schema.toString();
        if (!text.contains(GenericData.STRING_PROP)) {
            return schema;
        }
        try {
            JsonNode tree = JSON.readTree(text);
            removeFromType(tree);
            return new Schema.Parser().parse(tree.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Avro printed a schema Jackson cannot read: " + text, e);
        }
    }

    /** Walks type positions only, so a field default that happens to hold the key stays as it is. */
    private static void removeFromType(JsonNode type) {
        if (type.isArray()) {
            type.forEach(JavaStringProperty::removeFromType);
            return;
        }
        if (!(type instanceof ObjectNode object)) {
            return;
        }
        object.remove(GenericData.STRING_PROP);
        JsonNode inner = object.get("type");
        if (inner == null) {
            return;
        }
        if (!inner.isTextual()) {
            removeFromType(inner);
            return;
        }
        switch (inner.asText()) {
            case "record", "error" -> object.path("fields").forEach(field -> removeFromType(field.path("type")));
            case "array" -> removeFromType(object.path("items"));
            case "map" -> removeFromType(object.path("values"));
            default -> {
                // primitives, enums and fixed have no nested types
            }
        }
    }
}
