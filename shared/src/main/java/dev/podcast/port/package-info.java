/**
 * Ports: the narrow interfaces the domain needs from the outside (object storage, the episode
 * store), named by role. Adapters in {@code dev.podcast.adapter} implement them.
 */
package dev.podcast.port;
