/**
 * CMS webhooks: the use case behind {@code POST /webhooks/cms} ({@link
 * dev.podcast.webhook.WebhookHandler}). A request is authenticated as the Standard Webhooks
 * specification says ({@link dev.podcast.webhook.StandardWebhooks}, {@link
 * dev.podcast.webhook.WebhookSecrets}), its payload read as the generic format or a CMS's own
 * ({@link dev.podcast.webhook.CmsPayloads}, mapped by {@link dev.podcast.webhook.CmsSettings}),
 * turned into the canonical episode file ({@link dev.podcast.webhook.EpisodeFileWriter}), checked
 * by the same parser as uploads, and written to, or deleted from, the source bucket; the publish
 * pipeline does the rest. Nothing here knows HTTP servers, the Functions Framework or a Cloud SDK.
 */
package dev.podcast.webhook;
