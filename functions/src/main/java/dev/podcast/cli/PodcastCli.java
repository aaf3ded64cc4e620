package dev.podcast.cli;

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
    subcommands = {ValidateCommand.class, CommandLine.HelpCommand.class})
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

  /** Runs the tool; returns the exit code instead of exiting (tests call this). */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new PodcastCli());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("podcast: " + e.getMessage());
      return ValidateCommand.EXIT_USAGE;
    });
    return commandLine.execute(args);
  }
}
