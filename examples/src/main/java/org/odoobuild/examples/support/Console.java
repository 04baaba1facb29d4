package org.odoobuild.examples.support;

import java.io.PrintStream;
import java.time.Duration;

/** What an example prints: numbered steps, progress for long runs, and a closing summary. */
public final class Console {
  private final PrintStream out;
  private final long start = System.nanoTime();
  private int step;

  /** Prints to {@code out}. */
  public Console(PrintStream out) {
    this.out = out;
  }

  /** A numbered step. */
  public void step(String text) {
    out.printf("%n[%d] %s%n", ++step, text);
  }

  /** A detail line under the current step. */
  public void info(String format, Object... args) {
    out.printf("    " + format + "%n", args);
  }

  /** Progress of a long run, printed every {@code every} items and at the end. */
  public void progress(String what, long done, long total, long every) {
    if (done == total || done % every == 0) {
      out.printf("    %s: %d/%d (%d%%)%n", what, done, total, total == 0 ? 100 : done * 100 / total);
    }
  }

  /** The closing summary. */
  public void summary(String title, long synced, long skipped, long deadLettered) {
    Duration d = Duration.ofNanos(System.nanoTime() - start);
    out.printf("%n== %s: %d synced, %d skipped, %d dead-lettered, %.1f s elapsed ==%n", title, synced, skipped,
        deadLettered, d.toMillis() / 1000.0);
  }
}
