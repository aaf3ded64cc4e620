/** The episode model: immutable records that every other part of the system reads. */
package dev.podcast.episode;
