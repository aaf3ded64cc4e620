package dev.podcast.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar functions/target/podcast.jar <command>}: the command-line tool. The command
 * names are a public interface.
 *
 * <p>Exit codes: 0 success, 1 the input has errors, 2 bad usage.
 */
@Command(
    name = "podcast",
    mixinStandardHelpOptions = true,
    version = "podcast 0.1.0",
    description = "Serverless podcast publishing: validate, build and serve a Hugo podcast.",
    subcommands = {ValidateCommand.class, BuildCommand.class, ServeCommand.class,
        ImportCommand.class, CommandLine.HelpCommand.class})
public final class PodcastCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the tool on the standard streams; returns the exit code instead of exiting. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the tool writing to {@code out} and {@code err}; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(out, err, System.getenv(), args);
  }

  /**
   * Runs the tool writing to {@code out} and {@code err}, with {@code environment} in place of
   * the process's ({@code PODCAST_WEBHOOK_SECRET}, {@code FIRESTORE_EMULATOR_HOST}); returns the
   * exit code.
   */
  public static int execute(PrintWriter out, PrintWriter err, Map<String, String> environment,
      String... args) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine commandLine = new CommandLine(new PodcastCli(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == ServeCommand.class ? type.cast(new ServeCommand(environment))
            : defaults.create(type);
      }
    });
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("podcast: " + e.getMessage());
      return ValidateCommand.EXIT_USAGE;
    });
    return commandLine.execute(args);
  }
}
