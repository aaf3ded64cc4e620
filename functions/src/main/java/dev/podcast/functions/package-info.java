/**
 * The Cloud Functions entry points, the deployment interface of the project: {@link
 * dev.podcast.functions.UploadFunction} (a CloudEvent function on the source bucket's finalize
 * and delete events), {@link dev.podcast.functions.PublishDueFunction} (an HTTP function for
 * Cloud Scheduler) and {@link dev.podcast.functions.FeedFunction} (HTTP, the feeds). Each decodes
 * its request, calls a use case of {@code dev.podcast.publish} or {@code dev.podcast.serve} and
 * maps the outcome; configuration is {@link dev.podcast.functions.FunctionsConfig} (and
 * {@link dev.podcast.functions.FeedConfig} for the feeds).
 */
package dev.podcast.functions;
