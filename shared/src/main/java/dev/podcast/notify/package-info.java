/**
 * Telling podcast apps that a feed changed: Podping, WebSub hubs and the Podcast Index, once per
 * burst of writes, retried by the platform when a service is down ({@link
 * dev.podcast.notify.FeedNotifier}).
 */
package dev.podcast.notify;
