package org.nmt4j.spark.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.nmt4j.UserError;

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
        CommandLine commandLine = new CommandLine(new SparkCli());
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            String name = e.getCommandLine().getCommandSpec().qualifiedName();
            e.getCommandLine().getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            UserError user = userError(e);
            if (user != null) {
                command.getErr().println("nmt4j: error: " + user.getMessage());
                return 1;
            }
            if (e.getClass().getName().equals("org.apache.spark.sql.AnalysisException")) {
                command.getErr().println("nmt4j: error: " + e.getMessage().lines().findFirst().orElse(""));
                return 1;
            }
            command.getErr().println("nmt4j: internal error (a bug in nmt4j; please report it with this trace):");
            e.printStackTrace(command.getErr());
            return 70;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            commandLine.getErr().println("nmt4j: error: out of Java heap memory; give the driver more "
                    + "(spark-submit --driver-memory, or NMT4J_JAVA_OPTS=-Xmx6g in local mode)");
            return 1;
        }
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
