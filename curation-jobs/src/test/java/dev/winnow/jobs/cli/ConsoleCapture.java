package dev.winnow.jobs.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** For command-line tests: System.out and System.err captured per test, then restored. */
abstract class ConsoleCapture {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    /** Everything printed so far, standard output and error interleaved. */
    String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    void clearOutput() {
        captured.reset();
    }
}
