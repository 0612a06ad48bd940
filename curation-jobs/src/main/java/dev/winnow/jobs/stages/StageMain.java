package dev.winnow.jobs.stages;

import dev.winnow.jobs.cli.WinnowCli;

/** What each stage's {@code main} does: {@code winnow stage <name>} with the same arguments. */
final class StageMain {
    private StageMain() {
    }

    static void run(String stage, String[] args) {
        String[] full = new String[args.length + 2];
        full[0] = "stage";
        full[1] = stage;
        System.arraycopy(args, 0, full, 2, args.length);
        int code = WinnowCli.execute(full);
        if (code != 0) {
            System.exit(code);
        }
    }
}
