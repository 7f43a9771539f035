package io.paperstream.producer.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The hand-written sample inputs under src/test/resources/samples. */
public final class Samples {

    public static final String ARXIV_JSONL = "arxiv-sample.jsonl";
    public static final String HF_DAILY_JSON = "hf-daily-sample.json";

    private Samples() {}

    public static Path path(String name) {
        URL url = Samples.class.getResource("/samples/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no sample " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
