package io.nifidataflow.local.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void createsTheLayoutInANewDirectory() throws Exception {
        final WorkDirectory work = new WorkDirectory(temp.resolve("run")).recreate();

        assertTrue(Files.isDirectory(work.conf()));
        assertTrue(Files.isDirectory(work.logs()));
        assertTrue(Files.isDirectory(work.output()));
    }

    @Test
    void emptiesADirectoryItCreatedBefore() throws Exception {
        final WorkDirectory work = new WorkDirectory(temp.resolve("run")).recreate();
        final Path leftover = Files.writeString(work.logs().resolve("nifi-app.log"), "previous run");

        work.recreate();

        assertFalse(Files.exists(leftover));
        assertTrue(Files.isDirectory(work.logs()));
    }

    @Test
    void refusesToEmptyADirectoryItDidNotCreate() throws Exception {
        final Path precious = Files.createDirectories(temp.resolve("home"));
        final Path file = Files.writeString(precious.resolve("thesis.tex"), "years of work");

        final IOException refused = assertThrows(IOException.class, () -> new WorkDirectory(precious).recreate());

        assertTrue(Files.exists(file));
        assertTrue(refused.getMessage().contains("Refusing to reuse"), refused.getMessage());
    }
}
