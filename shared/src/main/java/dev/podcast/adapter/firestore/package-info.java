/**
 * The Firestore adapter of {@link dev.podcast.port.EpisodeStore}, on the
 * {@code google-cloud-firestore} client. Build it with {@link
 * dev.podcast.adapter.firestore.FirestoreEpisodeStores}; the adapter class itself stays
 * package-private. The document model is described on {@code FirestoreEpisodeStore}; the
 * indexes it relies on are in {@code infra/firestore.indexes.json}.
 */
package dev.podcast.adapter.firestore;
