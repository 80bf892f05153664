package dev.portprobe.profile;

import dev.portprobe.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads YAML text into a {@link YamlNode} tree with Jackson's streaming parser, keeping the line of every value and
 * key. Every problem, including malformed YAML, becomes an {@link InputException} with a line.
 */
final class YamlReader {
    /** Profiles are shallow; this bounds recursion whatever the input. */
    static final int MAX_DEPTH = 32;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String source;
    private final JsonParser parser;
    private int lastLine = 1;

    private YamlReader(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /** Parses one YAML document; an empty text or a second document is an error. */
    static YamlNode read(String source, String text) throws InputException {
        JsonParser parser;
        try {
            parser = FACTORY.createParser(text);
        } catch (RuntimeException e) {
            throw new InputException(source, 1, "cannot read YAML: " + firstLine(e.getMessage()), e);
        }
        try (parser) {
            YamlReader reader = new YamlReader(source, parser);
            JsonToken first = reader.next();
            if (first == null) {
                throw new InputException(source, 1, "empty profile: expected a mapping that starts with apiVersion: "
                        + ProfileParser.API_VERSION);
            }
            YamlNode root = reader.value(first, 0);
            if (reader.next() != null) {
                throw new InputException(source, reader.lastLine,
                        "a second YAML document starts here; a profile file holds exactly one document");
            }
            return root;
        } catch (JacksonException e) {
            // only closing the parser can get here: every read goes through next() and text()
            throw new InputException(source, 1, "cannot read YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private YamlNode value(JsonToken token, int depth) throws InputException {
        int line = lastLine;
        if (depth > MAX_DEPTH) {
            throw new InputException(source, line, "YAML nested more than " + MAX_DEPTH + " levels deep");
        }
        if (token == JsonToken.START_OBJECT) {
            return mapping(line, depth);
        }
        if (token == JsonToken.START_ARRAY) {
            return sequence(line, depth);
        }
        return scalar(token, line);
    }

    private YamlNode mapping(int line, int depth) throws InputException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (JsonToken t = next(); t != JsonToken.END_OBJECT; t = next()) {
            if (t != JsonToken.PROPERTY_NAME) {
                throw new InputException(source, lastLine, "expected a key, found " + t);
            }
            String key = text();
            int keyLine = lastLine;
            YamlNode value = value(nextOrFail(), depth + 1);
            YamlNode.Entry earlier = entries.get(key);
            if (earlier != null) {
                throw new InputException(source, keyLine,
                        "duplicate key " + Texts.quote(key) + " (first at line " + earlier.keyLine() + ")");
            }
            entries.put(key, new YamlNode.Entry(key, keyLine, value));
        }
        return new YamlNode.Mapping(entries, line);
    }

    private YamlNode sequence(int line, int depth) throws InputException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
            if (t == null) {
                throw new InputException(source, lastLine, "unexpected end of YAML inside a list");
            }
            items.add(value(t, depth + 1));
        }
        return new YamlNode.Sequence(items, line);
    }

    private YamlNode scalar(JsonToken token, int line) throws InputException {
        if (((YAMLParser) parser).isCurrentAlias()) {
            throw new InputException(source, line, "YAML aliases (*" + Texts.escape(text()) + ") are not supported in profiles");
        }
        YamlNode.ScalarType type = switch (token) {
            case VALUE_STRING -> YamlNode.ScalarType.STRING;
            case VALUE_NUMBER_INT -> YamlNode.ScalarType.INTEGER;
            case VALUE_NUMBER_FLOAT -> YamlNode.ScalarType.FLOAT;
            case VALUE_TRUE, VALUE_FALSE -> YamlNode.ScalarType.BOOLEAN;
            case VALUE_NULL -> YamlNode.ScalarType.NULL;
            default -> throw new InputException(source, line, "unexpected YAML content: " + token);
        };
        String text = switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> text();
        };
        return new YamlNode.Scalar(text, type, line);
    }

    private JsonToken nextOrFail() throws InputException {
        JsonToken t = next();
        if (t == null) {
            throw new InputException(source, lastLine, "unexpected end of YAML");
        }
        return t;
    }

    /** The only place that advances Jackson: every parser failure becomes a located InputException. */
    private JsonToken next() throws InputException {
        try {
            JsonToken t = parser.nextToken();
            TokenStreamLocation where = parser.currentTokenLocation();
            if (t != null && where != null && where.getLineNr() > 0) {
                lastLine = where.getLineNr();
            }
            return t;
        } catch (StreamReadException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            throw new InputException(source, lastLine, "malformed YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private String text() throws InputException {
        try {
            String t = parser.getString();
            return t == null ? "" : t;
        } catch (RuntimeException e) {
            throw new InputException(source, lastLine, "malformed YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private InputException malformed(StreamReadException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
                Mark mark = m.getProblemMark().get();
                String context = m.getContext() == null ? "" : firstLine(m.getContext()) + ": ";
                String problem = m.getProblem() == null ? "cannot parse" : firstLine(m.getProblem());
                return new InputException(source, mark.getLine() + 1, "malformed YAML: " + context + problem, e);
            }
        }
        TokenStreamLocation where = e.getLocation();
        int line = where != null && where.getLineNr() > 0 ? where.getLineNr() : lastLine;
        return new InputException(source, line, "malformed YAML: " + firstLine(e.getOriginalMessage()), e);
    }

    private static String firstLine(String message) {
        return Texts.oneLine(message);
    }
}
