package org.odoobuild.doctests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of README.md, docs/ (all levels) and the modules' README.md files:
 * it compiles (with its own imports, or the standard header of docs/getting-started.md), and runs
 * when the doc says so ({@link Snippet}). A block that is a verbatim excerpt of a source file of the
 * repository (e.g. docs/writing-a-connector.md, cut from the examples) is compiled by the build
 * itself and counts as tested. New docs and blocks are picked up without changing this test.
 */
class DocSnippetsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * Blocks known not to compile yet, owned by work in progress elsewhere ({@code file:line} of the
   * fence). Each must still fail: a block that compiles again must leave this list.
   */
  static final Set<String> PENDING = Set.of();

  static List<Path> docs() {
    List<Path> out = new ArrayList<>();
    out.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs")); Stream<Path> top = Files.list(ROOT)) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
      top.filter(Files::isDirectory).map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<Snippet> snippets() {
    return docs().stream().flatMap(d -> Snippet.of(ROOT, d).stream()).toList();
  }

  static String standardHeader() {
    List<Snippet> headers = snippets().stream().filter(Snippet::standardImports).toList();
    if (headers.size() != 1) {
      throw new IllegalStateException("exactly one block must be marked <!-- snippet: standard-imports -->, found "
          + headers.stream().map(Snippet::where).toList());
    }
    return headers.get(0).code().lines().map(l -> l.replaceAll("//.*", "").trim()).filter(l -> !l.isEmpty())
        .collect(Collectors.joining(" "));
  }

  /**
   * The code lines (trimmed; blank and comment lines left out) of every Java source file of the
   * repository outside this module, for excerpts.
   */
  static List<List<String>> sources() {
    List<List<String>> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
          && !p.toString().contains("/target/") && !p.startsWith(ROOT.resolve("doc-tests"))).toList()) {
        all.add(codeLines(Files.readString(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  static List<String> codeLines(String text) {
    return text.lines().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*")).toList();
  }

  static boolean isExcerpt(Snippet s, List<List<String>> sources) {
    List<String> code = codeLines(s.code());
    return !code.isEmpty() && sources.stream().anyMatch(src -> java.util.Collections.indexOfSubList(src, code) >= 0);
  }

  @Test
  void theDocsHaveSnippetsAndTheListsAreKeptTrue() {
    List<Snippet> all = snippets();
    assertTrue(all.size() >= 20, "found only " + all.size() + " blocks: is the repository root right? " + ROOT);
    Set<String> where = all.stream().map(Snippet::where).collect(Collectors.toSet());
    for (String p : PENDING) {
      assertTrue(where.contains(p), "PENDING names " + p + ", which is not the fence of a java block any more");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompilesAndRunsWhereMarked() {
    String header = standardHeader();
    List<List<String>> sources = sources();
    SnippetCompiler compiler = new SnippetCompiler();
    List<Snippet> all = snippets();
    Map<String, Integer> index = new TreeMap<>();
    return all.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> {
      int n = index.size();
      index.put(s.where(), n);
      SnippetCompiler.Result r = compiler.compile(s, n, header);
      if (!r.ok()) {
        if (!s.run() && isExcerpt(s, sources)) {
          return; // compiled by the build as part of the file it was cut from
        }
        if (PENDING.contains(s.where())) {
          return;
        }
        fail("does not compile:\n" + String.join("\n", r.errors()) + "\n--- as compiled ---\n" + r.unit());
      }
      if (PENDING.contains(s.where())) {
        fail(s.where() + " compiles now: remove it from DocSnippetsTest.PENDING");
      }
      if (s.run()) {
        run(s, r);
      }
    }));
  }

  static void run(Snippet s, SnippetCompiler.Result r) throws Exception {
    Class<?> c = Class.forName(r.className(), true, r.loader());
    Method m = Stream.of(c.getMethods()).filter(x -> x.getName().equals("run")).findFirst()
        .orElseThrow(() -> new AssertionError(s.where() + ": marked run but is not a block of statements"));
    try (Fixtures f = new Fixtures()) {
      Object[] args = s.givens().stream().map(f::provide).toArray();
      m.invoke(c.getConstructor().newInstance(), args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(s.where() + ": the snippet threw " + e.getCause(), e.getCause());
    }
  }
}
