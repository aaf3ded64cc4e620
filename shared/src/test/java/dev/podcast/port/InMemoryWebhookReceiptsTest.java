package dev.podcast.port;

import dev.podcast.adapter.memory.InMemoryWebhookReceipts;

/** The webhook receipts contract on the in-memory adapter. */
class InMemoryWebhookReceiptsTest extends WebhookReceiptsContract {

  @Override
  protected WebhookReceipts receipts() {
    return new InMemoryWebhookReceipts();
  }
}
