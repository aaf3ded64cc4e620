/**
 * CMS webhooks: what {@code POST /webhooks/cms} needs. A request is authenticated as the
 * Standard Webhooks specification says ({@link dev.podcast.webhook.StandardWebhooks}, with
 * {@link dev.podcast.webhook.WebhookSecrets}). Nothing here knows HTTP servers, the Functions
 * Framework or a Cloud SDK.
 */
package dev.podcast.webhook;
