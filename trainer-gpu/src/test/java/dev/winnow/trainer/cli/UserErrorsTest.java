package dev.winnow.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user can fix is one line and exit code 2; a defect keeps its stack trace. */
class UserErrorsTest {
  @TempDir
  Path dir;

  private String run(int expectedCode, String... args) {
    StringWriter err = new StringWriter();
    assertEquals(expectedCode, WinnowTrainCli.commandLine().setErr(new PrintWriter(err, true)).execute(args));
    return err.toString().strip();
  }

  @Test
  void aMissingConfigAndABadKeyAreOneLineEach() throws Exception {
    assertEquals("winnow-train: config file " + dir.resolve("nope.conf") + " does not exist or is not a file",
        run(2, "run", "--config", dir.resolve("nope.conf").toString()));
    Files.writeString(dir.resolve("bad.conf"), "train { steps = 3 }");
    assertEquals("winnow-train: " + dir.resolve("bad.conf") + ": 1: No configuration setting found for key 'model'",
        run(2, "run", "--config", dir.resolve("bad.conf").toString()));
  }

  @Test
  void aDefectIsRethrown() {
    NullPointerException defect = new NullPointerException("a bug");
    assertThrows(NullPointerException.class, () -> new UserErrors().handleExecutionException(defect, null, null));
  }
}
