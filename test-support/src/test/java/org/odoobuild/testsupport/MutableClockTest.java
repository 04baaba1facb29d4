package org.odoobuild.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  static final Instant T0 = Instant.parse("2026-11-02T08:00:00.123456789Z");

  @Test
  void standsStillUntilMoved() {
    MutableClock clock = new MutableClock(T0);
    assertEquals(T0, clock.instant());
    assertEquals(T0.toEpochMilli(), clock.millis());
    assertEquals(ZoneOffset.UTC, clock.getZone());
    clock.advance(Duration.ofDays(2));
    assertEquals(T0.plus(Duration.ofDays(2)), clock.instant());
    clock.advance(Duration.ofSeconds(-1));
    assertEquals(T0.plus(Duration.ofDays(2)).minusSeconds(1), clock.instant());
    clock.set(T0);
    assertEquals(T0, clock.instant());
  }

  @Test
  void zonedCopiesShareTheTime() {
    MutableClock clock = new MutableClock(T0);
    MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(T0.plusSeconds(300), paris.instant());
  }
}
