package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@link Main#jvmDefaults}: what the entry point sets before anything loads Netty, and what a user's -D keeps. */
class JvmDefaultsTest {

    @Test
    void nettysFlightRecorderEventsAreOffByDefault() {
        Properties p = new Properties();
        Main.jvmDefaults(p);
        assertThat(p.getProperty("io.netty.jfr.enabled")).isEqualTo("false");
    }

    @Test
    void aUsersOwnSettingWins() {
        Properties p = new Properties();
        p.setProperty("io.netty.jfr.enabled", "true");
        Main.jvmDefaults(p);
        assertThat(p.getProperty("io.netty.jfr.enabled")).isEqualTo("true");
    }
}
