/** The validate use case: check source files and report every problem. */
package dev.podcast.validate;
