/** Text helpers shared by parsing and rendering. */
package dev.podcast.text;
