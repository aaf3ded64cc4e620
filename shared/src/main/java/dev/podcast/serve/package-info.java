/**
 * Serving the feeds over HTTP, independent of any server: {@link dev.podcast.serve.FeedResponder}
 * answers a {@link dev.podcast.serve.FeedRequest} (method, path, the conditional and encoding
 * headers) with a {@link dev.podcast.serve.FeedResponse} (status, headers, body), reading the
 * feeds the pipeline wrote to the site's {@link dev.podcast.port.ObjectStore}. The Cloud Function
 * and {@code podcast serve} each adapt their server's request and response to these values.
 */
package dev.podcast.serve;
