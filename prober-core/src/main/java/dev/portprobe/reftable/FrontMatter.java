package dev.portprobe.reftable;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Hugo/Jekyll front matter ({@code ---} YAML or {@code +++} TOML at the top of the file). CommonMark does not know
 * it (it would read the YAML as a paragraph and the closing {@code ---} as a heading underline), so it is blanked
 * out before parsing, line for line, keeping every later line number.
 */
final class FrontMatter {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The text with the front matter lines blanked, the title it gave (or null), and what was noted. */
    record Stripped(String body, String title, List<ImportWarning> notes) {
    }

    private FrontMatter() {
    }

    static Stripped strip(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<ImportWarning> notes = new ArrayList<>();
        if (lines.isEmpty()) {
            return new Stripped(text, null, notes);
        }
        String fence = lines.get(0).strip();
        if (!fence.equals("---") && !fence.equals("+++")) {
            return new Stripped(text, null, notes);
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals(fence) || fence.equals("---") && l.equals("...")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return new Stripped(text, null, notes);
        }
        String title = fence.equals("---") ? yamlTitle(String.join("\n", lines.subList(1, end)), notes) : null;
        for (int i = 0; i <= end; i++) {
            lines.set(i, "");
        }
        notes.add(ImportWarning.info(1, "front matter (lines 1-" + (end + 1) + ") skipped"
                + (title == null ? "" : "; title " + dev.portprobe.profile.Texts.quote(title) + " used as the profile title")));
        return new Stripped(String.join("\n", lines), title, notes);
    }

    private static String yamlTitle(String yaml, List<ImportWarning> notes) {
        try {
            JsonNode node = YAML.readTree(yaml);
            JsonNode title = node == null ? null : node.get("title");
            return title != null && title.isValueNode() && !title.asString().isBlank() ? title.asString().strip() : null;
        } catch (RuntimeException e) {
            notes.add(ImportWarning.warn(2, "front matter is not valid YAML; ignored ("
                    + dev.portprobe.profile.Texts.oneLine(e.getMessage()) + ")"));
            return null;
        }
    }
}
