package dev.portprobe.manifest;

import dev.portprobe.InputException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a multi-document YAML text into Kubernetes objects, each with the line of every mapping and sequence inside
 * it. Two passes of Jackson 3's YAML parser over the same text: the first notes the line of each object by its JSON
 * pointer, the second reads each document as a tree, which fabric8's serialization turns into its model class
 * (a kind fabric8 does not know becomes a {@code GenericKubernetesResource}). Lists ({@code kind: List},
 * {@code ServiceList}...) are flattened to their items. Empty documents are skipped.
 */
final class ManifestReader {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final ObjectReader TREE = YAML.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    /** Manifests are deep (a container port sits at depth 10), but not this deep. */
    private static final int MAX_DEPTH = 64;

    /** One object of the file, and the lines of everything in it. */
    record Located(HasMetadata object, String pointer, Map<String, Integer> lines) {
        /** The line of the mapping or sequence at {@code relative} (a JSON pointer below this object), else the object's. */
        int line(String relative) {
            Integer at = lines.get(pointer + relative);
            return at != null ? at : lines.getOrDefault(pointer, 1);
        }

        int line() {
            return line("");
        }
    }

    private ManifestReader() {
    }

    static List<Located> read(String source, String text) throws InputException {
        List<Map<String, Integer>> lines = lines(source, text);
        List<Located> out = new ArrayList<>();
        try (JsonParser p = YAML.createParser(text)) {
            int doc = -1;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                doc++;
                int line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new InputException(source, line, "a document here is not a mapping: expected a Kubernetes object");
                }
                JsonNode tree = TREE.readValue(p);
                add(out, source, line, tree, lines.get(doc));
            }
        } catch (JacksonException e) {
            throw malformed(source, e);
        }
        return out;
    }

    private static void add(List<Located> out, String source, int line, JsonNode tree, Map<String, Integer> lines)
            throws InputException {
        if (!tree.hasNonNull("kind") || !tree.hasNonNull("apiVersion")) {
            throw new InputException(source, line, "not a Kubernetes object: it has no " + (tree.hasNonNull("kind")
                    ? "apiVersion" : "kind"));
        }
        KubernetesResource object;
        try {
            object = KUBE.convertValue(tree, KubernetesResource.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InputException(source, line, "cannot read this " + tree.get("kind").asString() + ": "
                    + firstLine(e.getMessage()), e);
        }
        if (object instanceof KubernetesResourceList<?> list) {
            int i = 0;
            for (Object item : list.getItems()) {
                if (item instanceof HasMetadata h) {
                    out.add(new Located(h, "/items/" + i, lines));
                }
                i++;
            }
        } else if (object instanceof HasMetadata h) {
            out.add(new Located(h, "", lines));
        }
    }

    /** For every document, the line of each mapping and sequence by its JSON pointer. */
    private static List<Map<String, Integer>> lines(String source, String text) throws InputException {
        List<Map<String, Integer>> docs = new ArrayList<>();
        try (JsonParser p = YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (!t.isStructStart()) {
                    if (!t.isStructEnd() && t != JsonToken.PROPERTY_NAME && p.streamReadContext().inRoot()) {
                        docs.add(Map.of());
                    }
                    continue;
                }
                var context = p.streamReadContext();
                if (context.getParent().inRoot()) {
                    docs.add(new HashMap<>());
                }
                if (context.getNestingDepth() > MAX_DEPTH) {
                    throw new InputException(source, p.currentTokenLocation().getLineNr(),
                            "nested deeper than " + MAX_DEPTH + " levels: not a Kubernetes manifest");
                }
                docs.get(docs.size() - 1).putIfAbsent(context.pathAsPointer().toString(),
                        p.currentTokenLocation().getLineNr());
            }
        } catch (JacksonException e) {
            throw malformed(source, e);
        }
        return docs;
    }

    private static InputException malformed(String source, JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        return new InputException(source, line, "cannot read YAML: " + firstLine(e.getOriginalMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
