package dev.portprobe;

/** A {@code HOST:PORT} argument: {@code example.com:443}, {@code 10.0.0.1:80}, {@code [::1]:8443}. */
public record HostPort(String host, int port) {

    public static HostPort parse(String text) throws InputException {
        if (text == null || text.isBlank()) {
            throw bad(text, "expected HOST:PORT");
        }
        String s = text.strip();
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw bad(text, "expected [IPv6]:PORT");
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw bad(text, colon < 0 ? "missing :PORT" : "expected HOST:PORT (write IPv6 addresses as [ADDR]:PORT)");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
        }
        if (host.isEmpty() || !validHost(host)) {
            throw bad(text, "invalid host '" + printable(host) + "'");
        }
        return new HostPort(host, parsePort(portText, text));
    }

    /** A port number 1..65535. */
    public static int parsePort(String portText, String whole) throws InputException {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(whole, "port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw bad(whole, "port must be a number from 1 to 65535");
        }
        return port;
    }

    private static boolean validHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == '_' || c == ':' || c == '%';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static InputException bad(String text, String why) {
        return new InputException(null, 0, "'" + printable(text) + "': " + why);
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
