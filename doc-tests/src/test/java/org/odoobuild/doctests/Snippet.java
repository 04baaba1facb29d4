package org.odoobuild.doctests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown file, with the directives of an HTML comment right before
 * its fence: {@code <!-- snippet: given: OdooClient odoo; given: Path dir; run -->}.
 * <ul>
 *   <li>{@code given: TYPE NAME} — a variable the block uses without declaring it (a parameter of
 *       the method the block becomes);</li>
 *   <li>{@code run} — run the block too, with the givens from {@link Fixtures} (an emulated Odoo
 *       with demo data for an {@code OdooClient}, a temporary directory for a {@code Path}, …);</li>
 *   <li>{@code standard-imports} — this block is the import header of blocks that show no imports.</li>
 * </ul>
 *
 * @param file the Markdown file, relative to the repository
 * @param line the line of the opening fence (1-based)
 * @param code the block's text
 * @param givens the declared variables ({@code TYPE NAME})
 * @param run whether to run it
 * @param standardImports whether it is the import header
 */
record Snippet(String file, int line, String code, List<String> givens, boolean run, boolean standardImports) {
  private static final Pattern DIRECTIVE = Pattern.compile("^\\s*<!--\\s*snippet:(.*)-->\\s*$");

  /** Where it is, for test names and messages. */
  String where() {
    return file + ":" + line;
  }

  /** The blocks of one file. */
  static List<Snippet> of(Path root, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = root.relativize(file).toString().replace('\\', '/');
    List<Snippet> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).trim().equals("```java")) {
        continue;
      }
      int start = i;
      StringBuilder code = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      List<String> givens = new ArrayList<>();
      boolean run = false;
      boolean header = false;
      int d = start - 1;
      while (d >= 0 && lines.get(d).isBlank()) {
        d--;
      }
      Matcher m = d >= 0 ? DIRECTIVE.matcher(lines.get(d)) : null;
      if (m != null && m.matches()) {
        for (String part : m.group(1).split(";")) {
          String p = part.trim();
          if (p.startsWith("given:")) {
            givens.add(p.substring("given:".length()).trim());
          } else if (p.equals("run")) {
            run = true;
          } else if (p.equals("standard-imports")) {
            header = true;
          } else if (!p.isEmpty()) {
            throw new IllegalArgumentException(name + ":" + (d + 1) + ": unknown snippet directive '" + p + "'");
          }
        }
      }
      out.add(new Snippet(name, start + 1, code.toString(), List.copyOf(givens), run, header));
    }
    return out;
  }
}
