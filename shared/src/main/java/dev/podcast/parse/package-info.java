/**
 * Reading episode source files: front matter (TOML, YAML, JSON), Markdown notes, transcripts, and
 * the checks that make a file publishable. {@link dev.podcast.parse.EpisodeParser} is the entry.
 */
package dev.podcast.parse;
