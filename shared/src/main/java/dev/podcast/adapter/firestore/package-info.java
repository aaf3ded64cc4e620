/**
 * The Firestore adapters of {@link dev.podcast.port.EpisodeStore} and {@link
 * dev.podcast.port.WebhookReceipts}, on the {@code google-cloud-firestore} client. Build them with
 * {@link dev.podcast.adapter.firestore.FirestoreEpisodeStores} and {@link
 * dev.podcast.adapter.firestore.FirestoreWebhookReceipts}; the adapter classes themselves stay
 * package-private. The document models are described on {@code FirestoreEpisodeStore} and
 * {@code FirestoreReceipts}; the indexes they rely on are in {@code infra/firestore.indexes.json}.
 */
package dev.podcast.adapter.firestore;
