package io.paperstream.producer.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a source's bytes come from — a file, standard input or a URL — named as the user
 * gave it (for messages such as {@code papers.txt:12: ...}) and as a URI (for the events'
 * {@code sourceUri}).
 *
 * @param name the name shown in messages: the path as given, {@code stdin}, or the URL
 * @param uri the absolute URI of the source; a line is appended as {@code #L12} for files
 *     and standard input
 * @param lineAddressed whether {@link SourceLocation#uri()} carries the line number
 */
public record Origin(String name, String uri, boolean lineAddressed) {

    public Origin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
    }

    /** A file, named by the path as the user gave it. */
    public static Origin file(Path path) {
        return new Origin(
                path.toString(), path.toAbsolutePath().normalize().toUri().toString(), true);
    }

    /** Standard input. */
    public static Origin stdin() {
        return new Origin("stdin", "stdin", true);
    }

    /** A document fetched from a URL; its events carry the URL itself. */
    public static Origin url(URI url) {
        return new Origin(url.toString(), url.toString(), false);
    }

    /** The location of a line (1-based) of this source. */
    public SourceLocation at(long line) {
        return new SourceLocation(this, line);
    }
}
