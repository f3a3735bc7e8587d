package org.nmt4j.spark.cli;

import org.nmt4j.io.UserError;
import org.nmt4j.cli.Main;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nmt4j spark}: parses arguments and hands each subcommand to {@code org.nmt4j.spark}. */
@Command(name = "nmt4j spark", mixinStandardHelpOptions = true, versionProvider = org.nmt4j.cli.VersionProvider.class,
        description = "nmt4j on Apache Spark: translate, align and train across a cluster (or in local mode).",
        subcommands = {SparkTranslateCommand.class, SparkAlignCommand.class, SparkTrainCommand.class})
public final class SparkCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (translate, align or train)");
    }

    /** Runs a command and returns its exit code: 0, 1 for the user's input, 2 for usage, 70 for a bug. */
    public static int run(String... args) {
        return Main.execute(commandLine(), args, "give the driver more (spark-submit --driver-memory, or "
                + "NMT4J_JAVA_OPTS=-Xmx6g in local mode)");
    }

    /** The command line of {@code nmt4j spark}: nmt4j's conventions, every help ending at the Spark page. */
    public static CommandLine commandLine() {
        CommandLine commandLine = Main.configured(new SparkCli(), SparkCli::userMessage);
        org.nmt4j.cli.DocPages.addFooters(commandLine, name -> "spark.md");
        return commandLine;
    }

    // a user error anywhere in the causes (a task's error arrives wrapped in Spark's), or Spark's one-line complaint
    // about the input (a missing path, a malformed file); null: a bug
    private static String userMessage(Exception e) {
        UserError user = userError(e);
        if (user != null) {
            return user.getMessage();
        }
        if (e.getClass().getName().equals("org.apache.spark.sql.AnalysisException")) {
            return e.getMessage().lines().findFirst().orElse("");
        }
        return null;
    }

    // a user error anywhere in the causes (a task's error arrives wrapped in Spark's)
    private static UserError userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError user) {
                return user;
            }
        }
        return null;
    }
}
