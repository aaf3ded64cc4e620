/** The publish use case: source bucket events to records, pages and feeds. */
package dev.podcast.publish;
