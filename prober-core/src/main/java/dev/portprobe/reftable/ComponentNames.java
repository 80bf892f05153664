package dev.portprobe.reftable;

import dev.portprobe.profile.Names;
import dev.portprobe.profile.Texts;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names the component of a port table that has no component column, from the text above it: a name in
 * parentheses ("used by the Istio control plane (istiod)"), else what the ports are "used by" ("Ports used by the
 * sidecar proxy"), else the heading's own words ("Consul servers"). The paragraph just above the table is read
 * before the heading.
 */
final class ComponentNames {
    /** A component name and where it came from, for the importer's warning. */
    record Found(String name, String from) {
    }

    private static final Pattern PARENTHESES = Pattern.compile("\\(([A-Za-z][A-Za-z0-9.-]{1,40})\\)");
    private static final Pattern USED_BY = Pattern.compile(
            "(?i)\\bused by (?:the )?([A-Za-z][\\w .-]{0,60}?)(?:\\s*[(.,:;]|\\s+(?:for|to|in|on|and|when|which)\\b|$)");
    private static final Set<String> GENERIC = Set.of("port", "ports", "protocol", "protocols", "used", "by", "the",
            "a", "an", "of", "for", "and", "table", "tables", "reference", "list", "default", "required", "network",
            "networking", "rules", "rule", "inbound", "outbound", "that", "may", "require", "requires", "configuration",
            "which", "is", "are", "following", "in", "on", "with", "specific", "common", "information", "overview");

    private ComponentNames() {
    }

    static Found fromContext(MarkdownTables.Table table) {
        String lead = table.lead();
        String heading = table.heading();
        for (String[] text : new String[][] {{lead, "the paragraph above the table"}, {heading, "the heading"}}) {
            Matcher m = PARENTHESES.matcher(text[0]);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (last != null && usable(last)) {
                return new Found(Names.sanitize(last), text[1] + " " + Texts.quote(text[0]));
            }
        }
        for (String[] text : new String[][] {{lead, "the paragraph above the table"}, {heading, "the heading"}}) {
            Matcher m = USED_BY.matcher(text[0]);
            if (m.find() && usable(slug(m.group(1)))) {
                return new Found(slug(m.group(1)), text[1] + " " + Texts.quote(text[0]));
            }
        }
        String words = slug(heading);
        if (usable(words) && words.split("-").length <= 3) {
            return new Found(words, "the heading " + Texts.quote(heading));
        }
        return null;
    }

    private static String slug(String text) {
        String kept = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty() && !GENERIC.contains(w)).collect(Collectors.joining("-"));
        return Names.sanitize(kept);
    }

    private static boolean usable(String name) {
        String s = Names.sanitize(name);
        return !s.isEmpty() && Names.isLabel(s);
    }
}
