package io.paperstream.producer.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an arXiv harvest has sent to one Kafka topic, kept in a small JSON file so that a restarted {@code produce}
 * sends neither a paper nor a version twice: each paper's latest version sent (number, time, first publication),
 * and each harvest's position (an OAI-PMH resumption token, the datestamp to harvest from next). The file is
 * replaced atomically (a temporary file moved over it), so a crash leaves the old state or the new, never half of
 * one. Without a file (a dry run) the state lives in memory only.
 */
public final class HarvestState {

    /** Papers remembered; the least recently sent are forgotten first (arXiv announces about 25,000 a month). */
    static final int REMEMBERED_PAPERS = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The latest version of a paper sent. */
    private record Sent(int version, long updatedMillis, long publishedMillis) {}

    /** What {@link #offer} decided. */
    public enum Verdict {
        /** Never sent: send it. */
        NEW,
        /** Sent before in an earlier version: send it as a revision (same id). */
        REVISION,
        /** Sent before in this version or a later one: skip it. */
        KNOWN
    }

    private final Path file;
    private final LinkedHashMap<String, Sent> papers = new LinkedHashMap<>(16, 0.75f, false);
    private final Map<String, Map<String, String>> positions = new HashMap<>();

    private HarvestState(Path file) {
        this.file = file;
    }

    /** A state kept in memory only. */
    public static HarvestState inMemory() {
        return new HarvestState(null);
    }

    /**
     * The state in {@code file}, empty when the file does not exist yet.
     *
     * @throws IOException naming the file when it cannot be read or is not a state file
     */
    public static HarvestState load(Path file) throws IOException {
        HarvestState state = new HarvestState(file);
        if (!Files.exists(file)) {
            return state;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a harvest state file: " + e.getMessage(), e);
        }
        if (root == null || !root.path("papers").isObject()) {
            throw new IOException(file + ": not a harvest state file (no \"papers\" object)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("papers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> paper = it.next();
            JsonNode v = paper.getValue();
            state.papers.put(
                    paper.getKey(),
                    new Sent(v.path(0).asInt(), v.path(1).asLong(), v.path(2).asLong()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("positions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> harvest = it.next();
            Map<String, String> values = new HashMap<>();
            harvest.getValue()
                    .fields()
                    .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            state.positions.put(harvest.getKey(), values);
        }
        return state;
    }

    /**
     * Decides whether a paper read is to be sent, and remembers it as sent if so.
     *
     * @return the verdict, and the paper to send: for a revision, with the first publication time on record when
     *     the source gives a later one (a feed gives the announcement of the new version)
     */
    public Decision offer(PaperRecord paper) {
        Sent known = papers.get(paper.id());
        Verdict verdict;
        PaperRecord send = paper;
        if (known == null) {
            verdict = Verdict.NEW;
        } else if (paper.revision() != null && paper.revision().isLaterThan(revision(known))) {
            verdict = Verdict.REVISION;
            Instant first = Instant.ofEpochMilli(known.publishedMillis());
            if (paper.sourceTime() == null || first.isBefore(paper.sourceTime())) {
                send = withSourceTime(paper, first);
            }
        } else {
            return new Decision(Verdict.KNOWN, paper);
        }
        remember(send);
        return new Decision(verdict, send);
    }

    /**
     * A verdict and the paper to send.
     *
     * @param verdict new, revision or known
     * @param paper the paper as it is to be sent
     */
    public record Decision(Verdict verdict, PaperRecord paper) {}

    private static PaperRecord.Revision revision(Sent sent) {
        return new PaperRecord.Revision(sent.version(), Instant.ofEpochMilli(sent.updatedMillis()));
    }

    private void remember(PaperRecord paper) {
        PaperRecord.Revision revision = paper.revision();
        long published = paper.sourceTime() == null ? 0 : paper.sourceTime().toEpochMilli();
        papers.remove(paper.id());
        papers.put(
                paper.id(),
                new Sent(
                        revision == null ? 0 : revision.number(),
                        revision == null ? published : revision.submitted().toEpochMilli(),
                        published));
        if (papers.size() > REMEMBERED_PAPERS) {
            Iterator<String> oldest = papers.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private static PaperRecord withSourceTime(PaperRecord p, Instant sourceTime) {
        return new PaperRecord(
                p.id(),
                p.title(),
                p.abstractText(),
                p.originalTitle(),
                p.originalAbstract(),
                p.authors(),
                p.categories(),
                p.links(),
                p.format(),
                p.location(),
                sourceTime,
                p.revision(),
                p.engagement());
    }

    /** A value of a harvest's position, such as its resumption token. */
    public Optional<String> position(String harvest, String key) {
        return Optional.ofNullable(positions.getOrDefault(harvest, Map.of()).get(key));
    }

    /** Sets (or with null removes) a value of a harvest's position; kept by the next {@link #save()}. */
    public void setPosition(String harvest, String key, String value) {
        Map<String, String> values = positions.computeIfAbsent(harvest, h -> new HashMap<>());
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /**
     * Writes the state to its file (nothing for an in-memory state).
     *
     * @throws IOException naming the file when it cannot be written
     */
    public void save() throws IOException {
        if (file == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode paperNodes = root.putObject("papers");
        papers.forEach((id, sent) -> {
            ArrayNode values = paperNodes.putArray(id);
            values.add(sent.version()).add(sent.updatedMillis()).add(sent.publishedMillis());
        });
        ObjectNode positionNodes = root.putObject("positions");
        positions.forEach((harvest, values) -> {
            ObjectNode node = positionNodes.putObject(harvest);
            values.forEach(node::put);
        });
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            JSON.writeValue(temporary.toFile(), root);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException(file + ": cannot save the harvest state: " + e.getMessage(), e);
        }
    }
}
