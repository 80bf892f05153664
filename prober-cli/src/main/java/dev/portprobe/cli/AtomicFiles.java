package dev.portprobe.cli;

import dev.portprobe.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: a temporary file beside the target, then a rename. A target that exists and is
 * not a regular file ({@code /dev/null}, {@code /dev/stdout}, a FIFO) is written in place: renaming over it would
 * replace the device with a file.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path target, String content) throws InputException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (Files.exists(abs) && !Files.isRegularFile(abs) && !Files.isDirectory(abs)) {
                Files.writeString(abs, content, StandardCharsets.UTF_8);
                return;
            }
            if (dir != null && !Files.isDirectory(dir)) {
                throw new InputException(target.toString(), 0, "cannot write: folder " + dir + " does not exist");
            }
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InputException(target.toString(), 0, "cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do; the target was not touched
                }
            }
        }
    }
}
