package dev.portprobe.profile;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes naming rules, shared by the profile loader and the reference-table importer. */
public final class Names {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_NAME =
            Pattern.compile("([A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?)*\\.?");

    private Names() {
    }

    /** A DNS-1123 subdomain: what Deployments, Services and profiles may be called. */
    public static boolean isName(String s) {
        return s != null && s.length() <= 253 && SUBDOMAIN.matcher(s).matches();
    }

    /** A DNS-1123 label: what a namespace or a port name may be called. */
    public static boolean isLabel(String s) {
        return s != null && s.length() <= 63 && LABEL.matcher(s).matches();
    }

    /** A name to look up in DNS: dot-separated labels of letters, digits, '-' and '_', optionally ending in a dot. */
    public static boolean isDnsName(String s) {
        return s != null && s.length() <= 254 && DNS_NAME.matcher(s).matches();
    }

    /**
     * The closest valid name: lower case, runs of other characters turned into one '-', trimmed to 253 characters.
     * Returns "" when nothing usable is left.
     */
    public static String sanitize(String s) {
        if (s == null) {
            return "";
        }
        String lower = s.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
        String trimmed = lower.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        if (trimmed.length() > 253) {
            trimmed = trimmed.substring(0, 253).replaceAll("[^a-z0-9]+$", "");
        }
        return trimmed;
    }
}
