package dev.portprobe.cli;

import dev.portprobe.Durations;
import dev.portprobe.InputException;
import java.time.Duration;
import picocli.CommandLine;

/** picocli converters whose errors read as one line and exit 2. */
final class Converters {
    private Converters() {
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (InputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
