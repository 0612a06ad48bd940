package dev.winnow.jobs.cli;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.report.ReportWriter;
import dev.winnow.jobs.run.RunLayout;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code winnow report --run DIR}: writes (again) the report of a finished run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes <run>/report/ (index.html, report.json, CSV tables, PNG plots) from a run's committed "
                + "stages. 'winnow run' writes it at the end of every run.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run folder, e.g. runs/sample.")
    Path run;

    @Option(names = "--master", description = "Spark master (default: local[*]).")
    String master = "local[*]";

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(run.resolve("stages"))) {
            System.err.println("winnow report: " + run + " has no stages/ folder: not a run folder");
            return 2;
        }
        WinnowConfig config = WinnowConfig.parse("winnow { run-dir = \"" + run.toAbsolutePath() + "\" }",
                List.of("spark.conf.\"spark.ui.enabled\"=false"));
        SparkSession spark = SparkSessions.open(config, master);
        try {
            RunLayout layout = new RunLayout(config.runDir(), spark.sparkContext().hadoopConfiguration());
            System.out.println("winnow: report " + ReportWriter.write(spark, layout) + "/index.html");
            return 0;
        } finally {
            spark.stop();
        }
    }
}
