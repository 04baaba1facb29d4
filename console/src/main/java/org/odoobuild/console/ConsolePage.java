package org.odoobuild.console;

import java.util.Map;

/**
 * An extra read-only page in the console's navigation, e.g. job cost per project and cost code.
 * The console authenticates the request, draws the page frame and navigation and puts the
 * returned fragment inside; the page only reads. Implementations must be thread-safe and must
 * escape everything they put into the fragment ({@link #escape}).
 * <pre>{@code
 * ConsolePage jobCost = new ConsolePage() {
 *   public String path() { return "job-cost"; }
 *   public String title() { return "Job cost"; }
 *   public String render(ConsoleUser user, Map<String, String> query) {
 *     return "<h1>Job cost</h1><p>" + ConsolePage.escape(summary()) + "</p>";
 *   }
 * };
 * }</pre>
 */
public interface ConsolePage {

  /**
   * Where the page lives, below {@code pages/} of the console.
   *
   * @return lower-case letters, digits and {@code -} (1 to 40)
   */
  String path();

  /**
   * The page's name in the navigation.
   *
   * @return the title
   */
  String title();

  /**
   * The page body.
   *
   * @param user who looks at it
   * @param query the request's query parameters (first value of each)
   * @return an HTML fragment with every text escaped
   */
  String render(ConsoleUser user, Map<String, String> query);

  /**
   * Escapes text for HTML element content and quoted attribute values.
   *
   * @param text any text
   * @return the escaped text
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
