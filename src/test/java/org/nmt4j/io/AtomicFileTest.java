package org.nmt4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class AtomicFileTest {

    @TempDir
    Path dir;

    /** The permissions the umask gives a new file in this folder. */
    public static Set<PosixFilePermission> umaskPermissions(Path folder) throws IOException {
        Path probe = Files.createFile(folder.resolve("umask-probe"));
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            Files.delete(probe);
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    @Test
    void replacesTheFileWholeWithTheUmasksPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "old");
        AtomicFile.writeString(file, "new ü");
        assertEquals("new ü", Files.readString(file));
        assertEquals(umaskPermissions(dir), Files.getPosixFilePermissions(file));
        AtomicFile.writeText(dir.resolve("b.txt"), out -> out.write("b"));
        assertEquals(umaskPermissions(dir), Files.getPosixFilePermissions(dir.resolve("b.txt")));
        assertEquals(List.of(file, dir.resolve("b.txt")), files());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "old");
        assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), files());
    }
}
