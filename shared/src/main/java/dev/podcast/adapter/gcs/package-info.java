/**
 * The Cloud Storage adapter of {@link dev.podcast.port.ObjectStore}, on the
 * {@code google-cloud-storage} client (JSON API). Build it with {@link
 * dev.podcast.adapter.gcs.GcsObjectStores}; the adapter class itself stays package-private.
 */
package dev.podcast.adapter.gcs;
