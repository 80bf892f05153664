package dev.portprobe.cli.readme;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample of the README: a marker line {@code <!-- sample: ARGS -->} (or {@code sample(stdout)},
 * {@code sample(stderr)}) followed by a fenced block whose first line is the command as a user types it,
 * {@code $ ./portprobe ARGS}, optionally ending in {@code # exit N} (0 when absent), and whose other lines are
 * what the command prints: stdout, then stderr, unless the marker names one stream.
 *
 * <p>ARGS may end in {@code | grep WORD}, which keeps only the printed lines that contain WORD. The command line
 * in the block is the shell command that prints the same: {@code 2>/dev/null} after ARGS for a stdout sample,
 * {@code 2>&1 >/dev/null} for a stderr one, then the grep.
 *
 * <p>ARGS may name fixtures in braces, {@code {nginx-http}} and the like (see {@link Fixtures}); the command line
 * in the block shows them as the addresses they were started on.
 *
 * @param markerLine 0-based line of the marker in the README
 * @param stream     {@code both}, {@code stdout} or {@code stderr}
 * @param args       the marker's arguments, split on spaces
 * @param bodyStart  0-based line of the block's first line (the command line)
 * @param bodyEnd    0-based line of the closing fence (exclusive end of the body)
 */
public record Sample(int markerLine, String stream, List<String> args, String grep, int bodyStart, int bodyEnd) {
    private static final Pattern MARKER = Pattern.compile("^<!-- sample(?:\\((stdout|stderr)\\))?: (.+?) -->\\s*$");
    private static final Pattern EXIT = Pattern.compile("\\s+#\\s*exit (\\d+)\\s*$");

    /** Every sample of {@code readme}, in order; a marker without a fenced block right after it is an error. */
    public static List<Sample> parse(List<String> readme) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher m = MARKER.matcher(readme.get(i));
            if (!m.matches()) {
                continue;
            }
            if (i + 1 >= readme.size() || !readme.get(i + 1).startsWith("```")) {
                throw new IllegalStateException("README.md:" + (i + 1) + ": a sample marker must be followed by a ``` block");
            }
            int end = i + 2;
            while (end < readme.size() && !readme.get(end).startsWith("```")) {
                end++;
            }
            if (end >= readme.size()) {
                throw new IllegalStateException("README.md:" + (i + 2) + ": the sample's block is never closed");
            }
            String stream = m.group(1) == null ? "both" : m.group(1);
            String[] parts = m.group(2).split("\\|", 2);
            String grep = null;
            if (parts.length == 2) {
                String[] filter = parts[1].trim().split("\\s+");
                if (filter.length != 2 || !filter[0].equals("grep")) {
                    throw new IllegalStateException("README.md:" + (i + 1) + ": a sample may end only in '| grep WORD'");
                }
                grep = filter[1];
            }
            samples.add(new Sample(i, stream, Arrays.asList(parts[0].trim().split("\\s+")), grep, i + 2, end));
        }
        return samples;
    }

    /** The block's lines, the command line included. */
    public List<String> body(List<String> readme) {
        return readme.subList(bodyStart, bodyEnd);
    }

    /** The exit code the block's command line promises: {@code # exit N}, or 0. */
    public int expectedExit(List<String> readme) {
        Matcher m = EXIT.matcher(body(readme).isEmpty() ? "" : body(readme).get(0));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The command line as the block shows it, for {@code shownArgs} (without the exit code). */
    public String commandLine(List<String> shownArgs) {
        String redirect = switch (stream) {
            case "stdout" -> " 2>/dev/null";
            case "stderr" -> " 2>&1 >/dev/null";
            default -> "";
        };
        return "$ ./portprobe " + String.join(" ", shownArgs) + redirect + (grep == null ? "" : " | grep " + grep);
    }

    /** What the command printed, as the block shows it: the chosen stream, filtered by the grep if any. */
    public String shown(String out, String err) {
        String printed = switch (stream) {
            case "stdout" -> out;
            case "stderr" -> err;
            default -> out + err;
        };
        if (grep == null) {
            return printed;
        }
        StringBuilder kept = new StringBuilder();
        printed.lines().filter(l -> l.contains(grep)).forEach(l -> kept.append(l).append('\n'));
        return kept.toString();
    }

    /** Where the sample is, for messages. */
    public String where() {
        return "README.md:" + (markerLine + 1) + " (" + String.join(" ", args) + ")";
    }
}
