package dev.winnow.trainer.cli;

import com.typesafe.config.ConfigException;
import dev.winnow.trainer.data.BlendException;
import picocli.CommandLine;

/**
 * What the user can fix (a blend the loader refuses, a config key missing or out of range) is
 * printed as one line naming the file or key, with exit code 2 (as {@code bin/winnow}); anything
 * else is a defect and keeps its stack trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof BlendException || e instanceof ConfigException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("winnow-train: " + e.getMessage());
            return EXIT_USER_ERROR;
        }
        throw e;
    }
}
