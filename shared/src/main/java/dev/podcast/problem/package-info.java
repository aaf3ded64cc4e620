/** Problems found in source files: severity, stable code, location and a message for authors. */
package dev.podcast.problem;
