package dev.podcast.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

  // The test vector the Standard Webhooks specification publishes.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final String OTHER = "whsec_" + Base64.getEncoder().encodeToString(
      "another secret of 32 bytes......".getBytes(StandardCharsets.US_ASCII));

  private static StandardWebhooks at(long epochSecond, String secrets) {
    return new StandardWebhooks(WebhookSecrets.parse("PODCAST_WEBHOOK_SECRET", secrets),
        Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static String rejected(StandardWebhooks.Verdict verdict) {
    return assertInstanceOf(StandardWebhooks.Rejected.class, verdict).reason();
  }

  @Test
  void signsAndVerifiesTheSpecificationsTestVector() {
    assertEquals(SIGNATURE, StandardWebhooks.sign(
        WebhookSecrets.parse("S", SECRET), ID, TIMESTAMP, BODY));
    assertEquals(new StandardWebhooks.Authentic(ID, Instant.ofEpochSecond(TIMESTAMP)),
        at(TIMESTAMP + 10, SECRET).verify(ID, Long.toString(TIMESTAMP), SIGNATURE, BODY));
  }

  @Test
  void anyOfSeveralSignaturesAndAnyOfSeveralSecretsWillDo() {
    String ts = Long.toString(TIMESTAMP);
    String wrong = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
    // the header carries a stale signature, one of another version, and the right one
    assertInstanceOf(StandardWebhooks.Authentic.class, at(TIMESTAMP, SECRET)
        .verify(ID, ts, wrong + " v1a,c2lnbmF0dXJl " + SIGNATURE, BODY));
    // the receiver holds the old and the new secret during a rotation
    assertInstanceOf(StandardWebhooks.Authentic.class, at(TIMESTAMP, OTHER + " " + SECRET)
        .verify(ID, ts, SIGNATURE, BODY));
    assertInstanceOf(StandardWebhooks.Authentic.class, at(TIMESTAMP, OTHER + "\n" + SECRET)
        .verify(ID, ts, StandardWebhooks.sign(WebhookSecrets.parse("S", OTHER), ID, TIMESTAMP,
            BODY), BODY));
  }

  @Test
  void aChangedBodyIdTimestampOrSecretFails() {
    String ts = Long.toString(TIMESTAMP);
    StandardWebhooks verifier = at(TIMESTAMP, SECRET);
    byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertEquals("no signature in webhook-signature matches",
        rejected(verifier.verify(ID, ts, SIGNATURE, changed)));
    rejected(verifier.verify("msg_other", ts, SIGNATURE, BODY));
    rejected(at(TIMESTAMP, SECRET).verify(ID, Long.toString(TIMESTAMP + 1), SIGNATURE, BODY));
    rejected(at(TIMESTAMP, OTHER).verify(ID, ts, SIGNATURE, BODY));
    rejected(verifier.verify(ID, ts, "v1,not base64!", BODY));
    rejected(verifier.verify(ID, ts, "v2," + SIGNATURE.substring(3), BODY));
    rejected(verifier.verify(ID, ts, SIGNATURE.substring(3), BODY));
  }

  @Test
  void missingAndMalformedHeadersNameTheHeader() {
    String ts = Long.toString(TIMESTAMP);
    StandardWebhooks verifier = at(TIMESTAMP, SECRET);
    assertEquals("webhook-id", ((StandardWebhooks.Rejected) verifier.verify(null, ts, SIGNATURE,
        BODY)).header());
    assertEquals("webhook-timestamp", ((StandardWebhooks.Rejected) verifier.verify(ID, null,
        SIGNATURE, BODY)).header());
    assertEquals("webhook-signature", ((StandardWebhooks.Rejected) verifier.verify(ID, ts, null,
        BODY)).header());
    assertEquals("webhook-signature", ((StandardWebhooks.Rejected) verifier.verify(ID, ts, " ",
        BODY)).header());
    rejected(verifier.verify("msg id", ts, SIGNATURE, BODY));
    rejected(verifier.verify("x".repeat(257), ts, SIGNATURE, BODY));
    rejected(verifier.verify(ID, "-1614265330", SIGNATURE, BODY));
    rejected(verifier.verify(ID, "1614265330.5", SIGNATURE, BODY));
    rejected(verifier.verify(ID, "9".repeat(40), SIGNATURE, BODY));
    rejected(verifier.verify(ID, ts, SIGNATURE + " " + "v1,x".repeat(2000), BODY));
  }

  @Test
  void timestampsMoreThanFiveMinutesAwayAreRejected() {
    String ts = Long.toString(TIMESTAMP);
    assertInstanceOf(StandardWebhooks.Authentic.class,
        at(TIMESTAMP + 300, SECRET).verify(ID, ts, SIGNATURE, BODY));
    assertInstanceOf(StandardWebhooks.Authentic.class,
        at(TIMESTAMP - 300, SECRET).verify(ID, ts, SIGNATURE, BODY));
    assertTrue(rejected(at(TIMESTAMP + 301, SECRET).verify(ID, ts, SIGNATURE, BODY))
        .contains("stale"));
    assertTrue(rejected(at(TIMESTAMP - 301, SECRET).verify(ID, ts, SIGNATURE, BODY))
        .contains("future"));
  }

  @Test
  void secretsAreCheckedAndNeverShown() {
    WebhookSecrets two = WebhookSecrets.parse("PODCAST_WEBHOOK_SECRET", "  " + SECRET + "\t"
        + OTHER + " ");
    assertEquals(2, two.size());
    assertEquals("WebhookSecrets[2 secrets]", two.toString());
    String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
    for (String bad : new String[] {"", " ", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa!w", tooShort, SECRET + " nope_" + SECRET,
        (SECRET + " ").repeat(11)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> WebhookSecrets.parse("PODCAST_WEBHOOK_SECRET", bad));
      assertTrue(e.getMessage().startsWith("PODCAST_WEBHOOK_SECRET"), e.getMessage());
      assertFalse(e.getMessage().contains("MfKQ9r8G"), e.getMessage());
      assertFalse(e.getMessage().contains(tooShort.substring(6)), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> WebhookSecrets.parse("X", null));
  }
}
