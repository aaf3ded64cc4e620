/**
 * The Cloud Functions entry points, the deployment interface of the project: {@link
 * dev.podcast.functions.UploadFunction} (a CloudEvent function on the source bucket's finalize
 * and delete events), {@link dev.podcast.functions.PublishDueFunction} (an HTTP function for
 * Cloud Scheduler), {@link dev.podcast.functions.FeedFunction} (HTTP, the feeds) and {@link
 * dev.podcast.functions.WebhookFunction} (HTTP, CMS webhooks). Each decodes its request, calls a
 * use case of {@code dev.podcast.publish}, {@code dev.podcast.serve} or {@code
 * dev.podcast.webhook} and maps the outcome; configuration is {@link
 * dev.podcast.functions.FunctionsConfig}, {@link dev.podcast.functions.FeedConfig} and {@link
 * dev.podcast.functions.WebhookConfig}.
 */
package dev.podcast.functions;
