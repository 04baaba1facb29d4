package org.odoobuild.model.common;

/** Small text helpers shared by the model (previews for messages, control-character checks). */
public final class Texts {
  private Texts() {
  }

  /** The text cut to 40 characters for use in messages. */
  public static String preview(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /** Whether the text contains an ISO control character (tab excluded). */
  public static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        return true;
      }
    }
    return false;
  }
}
