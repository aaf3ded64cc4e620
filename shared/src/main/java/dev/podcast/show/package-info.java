/** The show's configuration, read from Hugo's {@code config.toml}. */
package dev.podcast.show;
