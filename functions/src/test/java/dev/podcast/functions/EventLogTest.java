package dev.podcast.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventLogTest {

  @Test
  void oneJsonObjectAsCloudLoggingReadsIt() {
    assertEquals("{\"severity\":\"WARNING\",\"message\":\"rejected \\\"x\\\"\",\"eventId\":\"42\","
        + "\"object\":\"content/x.md\",\"slug\":\"\",\"outcome\":\"REJECTED\",\"durationMs\":7}",
        EventLog.line("WARNING", "rejected \"x\"", "42", "content/x.md", "", "REJECTED", 7));
  }
}
