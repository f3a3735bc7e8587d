package org.nmt4j.cli;

import org.nmt4j.cli.bench.BenchCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.nmt4j.io.UserError;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nmt4j} command: parses arguments and hands each subcommand to the package that does the work. */
@Command(name = "nmt4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "JVM-native neural machine translation: train, translate, align, evaluate.",
        subcommands = {TrainCommand.class, PrepareCommand.class, AverageCommand.class, TranslateCommand.class,
                ShortlistCommand.class, AlignCommand.class, LexAlignCommand.class,
                EvaluateAlignmentCommand.class, EvaluateMarkupCommand.class, EvaluateConfidenceCommand.class,
                EvaluateTerminologyCommand.class, TokenizeCommand.class, DetokenizeCommand.class, BpeCommand.class, VocabCommand.class,
                EvaluateCommand.class, ServeCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {

    /** Exit code of a command that failed on the user's input. */
    public static final int EXIT_USER_ERROR = 1;
    /** Exit code of a usage mistake (unknown option, missing argument). */
    public static final int EXIT_USAGE = 2;
    /** Exit code of a bug in nmt4j. */
    public static final int EXIT_BUG = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs nmt4j as the command line would and returns the exit code. */
    public static int run(String... args) {
        return execute(commandLine(), args, "give the JVM more, e.g. NMT4J_JAVA_OPTS=-Xmx6g (the launcher's default "
                + "is -Xmx2g)");
    }

    /**
     * Executes a command line made by {@link #configured}; running out of heap is a user error with
     * {@code heapAdvice}.
     */
    public static int execute(CommandLine commandLine, String[] args, String heapAdvice) {
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            commandLine.getErr().println("nmt4j: error: out of Java heap memory; " + heapAdvice);
            return EXIT_USER_ERROR;
        }
    }

    static CommandLine commandLine() {
        CommandLine commandLine = configured(new Main(), e -> e instanceof UserError ? e.getMessage() : null);
        DocPages.addFooters(commandLine);
        return commandLine;
    }

    /**
     * A picocli command line with nmt4j's conventions: UTF-8 output, a usage mistake one line and exit 2, a user
     * error one line ({@code nmt4j: error: } and {@code userMessage}'s line for the exception) and exit 1, anything
     * else (userMessage null) a bug with its trace and exit 70. {@code nmt4j spark} uses it too.
     */
    public static CommandLine configured(Object top, java.util.function.Function<Exception, String> userMessage) {
        CommandLine commandLine = new CommandLine(top);
        commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            String name = command.getCommandSpec().qualifiedName();
            command.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            String message = userMessage.apply(e);
            if (message != null) {
                command.getErr().println("nmt4j: error: " + message);
                return EXIT_USER_ERROR;
            }
            command.getErr().println("nmt4j: internal error (a bug in nmt4j; please report it with this trace):");
            e.printStackTrace(command.getErr());
            return EXIT_BUG;
        });
        return commandLine;
    }
}
