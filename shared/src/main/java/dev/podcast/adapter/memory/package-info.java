/** In-memory adapters of the ports: for tests and for running everything in one process. */
package dev.podcast.adapter.memory;
