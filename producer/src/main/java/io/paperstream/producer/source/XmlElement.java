package io.paperstream.producer.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of an XML document as a small tree: its local name (namespaces are left out: the arXiv formats
 * never use one local name twice with different meanings), attributes by local name, its own text and its child
 * elements in document order.
 *
 * @param name the local name
 * @param attributes attribute values by local name
 * @param text the element's own character data, concatenated (not its children's)
 * @param children the child elements in order
 * @param line the line the element starts on
 */
public record XmlElement(
        String name, Map<String, String> attributes, String text, List<XmlElement> children, long line) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The first child with this local name. */
    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** Every child with this local name, in order. */
    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The text of the first child with this local name, stripped; null when there is none or it is blank. */
    public String childText(String childName) {
        return child(childName).map(XmlElement::strippedText).orElse(null);
    }

    /** This element's text, stripped; null when blank. */
    public String strippedText() {
        return text.isBlank() ? null : text.strip();
    }

    /** The value of an attribute, or null. */
    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }
}
