/** The {@code podcast} command-line tool: thin commands over the use cases in shared/. */
package dev.podcast.cli;
