package dev.winnow.jobs.run;

import java.util.List;

/**
 * What a run was doing at its lock's last heartbeat: the pipeline stage it was on, since when,
 * and the Spark stages active then with their tasks. {@code winnow status} prints it, so that an
 * operator away from the driver's log sees how far a stage of several hours has come.
 *
 * @param index        the stage's position in the run (as in {@code stages/NN-name})
 * @param stage        the stage's name
 * @param stageStarted when the run reached the stage (ISO-8601)
 * @param spark        the active Spark stages, by id
 */
public record RunActivity(int index, String stage, String stageStarted, List<StageWatch.Active> spark) {
    public RunActivity {
        spark = spark == null ? List.of() : List.copyOf(spark);
    }
}
