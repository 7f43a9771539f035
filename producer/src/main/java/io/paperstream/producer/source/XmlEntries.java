package io.paperstream.producer.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the entries of an XML feed with the JDK's StAX parser: each element named as an entry ({@code entry},
 * {@code item}, {@code record}) comes back as one {@link XmlElement} tree, one at a time, so a feed of any length
 * is read in constant memory. Elements outside the entries whose names are asked for (paging information such as
 * {@code totalResults} or {@code resumptionToken}) are kept as they pass. DTDs and external entities are refused:
 * a feed cannot make the parser fetch anything.
 */
final class XmlEntries implements Closeable {

    /** An entry, or the reason the document cannot be read further. */
    sealed interface Item permits Entry, Broken {}

    /** An entry element and its 1-based position among the document's entries. */
    record Entry(XmlElement element, int position) implements Item {}

    /** An entry too long (skipped), or a document not well-formed from {@code line} on (nothing follows). */
    record Broken(long line, String reason) implements Item {}

    private final InputStream in;
    private final XMLStreamReader xml;
    private final Set<String> entryNames;
    private final Set<String> headerNames;
    private final int maxEntryChars;
    private final Map<String, XmlElement> headers = new LinkedHashMap<>();
    private int entries;
    private boolean inEntry;
    private boolean ended;
    private Broken unreadable;

    /**
     * @param in the document, closed by {@link #close()}
     * @param entryNames local names of the entry elements
     * @param headerNames local names of elements outside the entries to keep
     * @param maxEntryChars the most characters of text one entry may hold
     */
    XmlEntries(InputStream in, Set<String> entryNames, Set<String> headerNames, int maxEntryChars) {
        this.in = in;
        this.entryNames = entryNames;
        this.headerNames = headerNames;
        this.maxEntryChars = maxEntryChars;
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            // bytes that cannot even start a document (an unknown encoding, say) are one bad record, not an error
            unreadable = new Broken(1, "not readable as XML: " + firstLine(e));
        }
        this.xml = reader;
    }

    /** The next entry, a broken document (after which nothing follows), or empty at the end. */
    Optional<Item> next() {
        if (unreadable != null) {
            ended = true;
            Broken once = unreadable;
            unreadable = null;
            return Optional.of(once);
        }
        if (ended) {
            return Optional.empty();
        }
        try {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                if (entryNames.contains(name)) {
                    entries++;
                    long line = xml.getLocation().getLineNumber();
                    inEntry = true;
                    XmlElement entry = element(new int[] {maxEntryChars});
                    inEntry = false;
                    // an entry over the limit was skipped to its end: the next one is read normally
                    return Optional.of(
                            entry == null
                                    ? new Broken(
                                            line,
                                            "entry " + entries + " holds more than " + maxEntryChars + " characters")
                                    : new Entry(entry, entries));
                }
                if (headerNames.contains(name)) {
                    headers.putIfAbsent(name, element(new int[] {maxEntryChars}));
                }
            }
            ended = true;
            return Optional.empty();
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String where = inEntry ? "entry " + entries + ": " : entries == 0 ? "" : "after entry " + entries + ": ";
            return Optional.of(broken(line, where + "malformed XML: " + firstLine(e)));
        }
    }

    private Broken broken(long line, String reason) {
        ended = true;
        return new Broken(Math.max(line, 0), reason);
    }

    /** The header element of this name seen so far (outside the entries). */
    Optional<XmlElement> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * Reads the element the parser is on, to its end tag; null when its text exceeds the budget (the element is
     * then skipped to its end).
     */
    private XmlElement element(int[] budget) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        open.push(new Builder(xml));
        boolean overBudget = false;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                open.push(new Builder(xml));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                budget[0] -= xml.getTextLength();
                overBudget |= budget[0] < 0;
                if (!overBudget) {
                    open.peek().text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                XmlElement done = open.pop().build();
                if (open.isEmpty()) {
                    return overBudget ? null : done;
                }
                open.peek().children.add(done);
            }
        }
    }

    private static String firstLine(XMLStreamException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // the JDK's messages start with "ParseError at [row,col]:[r,c]\nMessage: ..."; keep the message
        int at = message.indexOf("Message: ");
        return (at < 0 ? message : message.substring(at + "Message: ".length())).strip();
    }

    /** An element being read. */
    private static final class Builder {
        private final String name;
        private final Map<String, String> attributes = new HashMap<>();
        private final StringBuilder text = new StringBuilder();
        private final List<XmlElement> children = new ArrayList<>();
        private final long line;

        Builder(XMLStreamReader xml) {
            this.name = xml.getLocalName();
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
            }
            this.line = xml.getLocation().getLineNumber();
        }

        XmlElement build() {
            return new XmlElement(name, attributes, text.toString(), children, line);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (xml != null) {
                xml.close();
            }
        } catch (XMLStreamException e) {
            // closing the parser frees nothing the stream's close does not
        }
        in.close();
    }
}
