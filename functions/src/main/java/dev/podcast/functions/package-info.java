/**
 * The Cloud Functions entry points, the deployment interface of the project: {@link
 * dev.podcast.functions.UploadFunction} (a CloudEvent function on the source bucket's finalize
 * and delete events) and {@link dev.podcast.functions.PublishDueFunction} (an HTTP function for
 * Cloud Scheduler). Each decodes its request, calls a use case of {@code dev.podcast.publish} and
 * maps the outcome; configuration is {@link dev.podcast.functions.FunctionsConfig}.
 */
package dev.podcast.functions;
