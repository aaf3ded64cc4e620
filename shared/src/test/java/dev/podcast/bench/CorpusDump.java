package dev.podcast.bench;

import dev.podcast.episode.Episode;
import dev.podcast.episode.Turn;
import dev.podcast.parse.EpisodeParser;
import dev.podcast.parse.ParseResult;
import dev.podcast.parse.ParserSettings;
import dev.podcast.problem.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes everything the parser makes of every corpus file (problems, every episode field, the
 * notes and summary HTML, each transcript turn) to one text file, so that two versions of the
 * parser can be compared with {@code diff}: an optimisation must leave the output unchanged.
 *
 * <pre>
 * mvn -B -o -pl shared -Pbench test-compile exec:exec \
 *     -Dbench.main=dev.podcast.bench.CorpusDump -Dbench.args=/tmp/before.txt
 * </pre>
 */
public final class CorpusDump {

  private CorpusDump() {}

  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "target/corpus-dump.txt");
    Corpus corpus = Corpus.load();
    EpisodeParser parser = new EpisodeParser(ParserSettings.defaults()
        .withEpisodeHostBaseUrl("https://traffic.libsyn.com/secure/googlecloudpodcast"));
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      for (int i = 0; i < corpus.size(); i++) {
        ParseResult result = parser.parse(corpus.paths()[i], corpus.bytes()[i]);
        w.println("=== " + result.file());
        for (Problem problem : result.problems()) {
          w.println("problem: " + problem);
        }
        if (result.episode().isEmpty()) {
          w.println("no episode");
          continue;
        }
        Episode e = result.episode().get();
        w.println("episode: " + e.slug() + " " + e.pagePath() + " title=" + e.title()
            + " description=" + e.description() + " date=" + e.date() + " publishDate="
            + e.publishDate() + " expiryDate=" + e.expiryDate() + " draft=" + e.draft()
            + " episodeNumber=" + e.episodeNumber() + " season=" + e.seasonNumber() + " type="
            + e.episodeType() + " hosts=" + e.hosts() + " categories=" + e.categories()
            + " image=" + e.image() + " audio=" + e.audio() + " links=" + e.links());
        w.println("--- summaryHtml\n" + e.summaryHtml());
        w.println("--- notesHtml\n" + e.notesHtml());
        w.println("--- transcript closed=" + e.transcript().closed() + " turns="
            + e.transcript().turns().size());
        for (Turn turn : e.transcript().turns()) {
          w.println("turn line=" + turn.line() + " speaker=" + turn.speaker() + " cues="
              + turn.cues());
          w.println(turn.text());
        }
      }
    }
    System.out.println("wrote " + out.toAbsolutePath() + " for " + corpus.size() + " files");
  }
}
