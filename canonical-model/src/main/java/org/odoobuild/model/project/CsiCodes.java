package org.odoobuild.model.project;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSI MasterFormat code arithmetic: {@code "03 31 13.19"} → {@code "03 31 13"} →
 * {@code "03 31 00"} → {@code "03 30 00"} → {@code "03 00 00"} (division, no parent).
 */
public final class CsiCodes {
  /** {@code DD SS ss} with an optional {@code .nn} extension. */
  public static final Pattern FORMAT = Pattern.compile("(\\d{2}) (\\d)(\\d) (\\d{2})(?:\\.(\\d{2}))?");
  /** Shape of a custom code. */
  public static final Pattern CUSTOM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]*");

  private CsiCodes() {
  }

  /** Whether the text is a MasterFormat number. */
  public static boolean isValid(String code) {
    return FORMAT.matcher(code).matches();
  }

  /** The MasterFormat parent; empty for a division ({@code "03 00 00"}) or a non-CSI code. */
  public static Optional<String> parentOf(String code) {
    Matcher m = FORMAT.matcher(code);
    if (!m.matches()) {
      return Optional.empty();
    }
    String div = m.group(1);
    String hi = m.group(2);
    String lo = m.group(3);
    String level3 = m.group(4);
    if (m.group(5) != null) {
      return Optional.of(div + " " + hi + lo + " " + level3);
    }
    if (!level3.equals("00")) {
      return Optional.of(div + " " + hi + lo + " 00");
    }
    if (!lo.equals("0")) {
      return Optional.of(div + " " + hi + "0 00");
    }
    if (!hi.equals("0")) {
      return Optional.of(div + " 00 00");
    }
    return Optional.empty();
  }

  /** 1 for a division, up to 5 with an extension; 0 when not a MasterFormat number. */
  public static int level(String code) {
    int level = 0;
    Optional<String> c = Optional.of(code);
    if (!isValid(code)) {
      return 0;
    }
    while (c.isPresent()) {
      level++;
      c = parentOf(c.get());
    }
    return level;
  }
}
