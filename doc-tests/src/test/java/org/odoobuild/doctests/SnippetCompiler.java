package org.odoobuild.doctests;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Turns a snippet into a compilation unit and compiles it in memory against the test class path.
 * A block that declares a top-level type is a file of its own; a block of members (methods,
 * fields, nested types) becomes the body of a class; anything else is the body of a method
 * {@code run(givens…) throws Exception}. Leading {@code import} lines stay imports; a block without
 * any gets the standard header.
 */
final class SnippetCompiler {
  private static final Pattern TOP_TYPE = Pattern.compile(
      "(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|final|abstract|sealed|non-sealed)\\s+)*"
          + "(class|record|interface|enum)\\s+(\\w+)");
  private static final Pattern MEMBER = Pattern.compile(
      "^(?:@\\w+|(?:public|private|protected|static|final|abstract)\\s)");
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final String classPath;

  SnippetCompiler() {
    this.classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** What compiling one snippet gave. */
  record Result(String unit, String className, List<String> errors, ClassLoader loader) {
    boolean ok() {
      return errors.isEmpty();
    }
  }

  /** How a block becomes a compilation unit. */
  enum Mode { UNIT, MEMBERS, STATEMENTS }

  /**
   * Compiles a block as what it looks like (a type, members, statements); when that fails, as the
   * other kinds (a block may declare local types before its statements). The first that compiles
   * wins; otherwise the errors of the first try.
   */
  Result compile(Snippet s, int n, String standardHeader) {
    Result first = null;
    for (Mode m : modes(s)) {
      Result r = compile(s, n, standardHeader, m);
      if (r.ok()) {
        return r;
      }
      if (first == null) {
        first = r;
      }
    }
    return first;
  }

  private List<Mode> modes(Snippet s) {
    String body = s.code().lines().filter(l -> !l.trim().startsWith("import ") && !l.trim().startsWith("package "))
        .collect(java.util.stream.Collectors.joining("\n"));
    String first = body.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("//")).findFirst()
        .orElse("");
    Matcher top = TOP_TYPE.matcher(body);
    if (top.find() && top.start() == body.indexOf(first)) {
      return List.of(Mode.UNIT, Mode.STATEMENTS, Mode.MEMBERS);
    }
    if (MEMBER.matcher(first).find()) {
      return List.of(Mode.MEMBERS, Mode.STATEMENTS);
    }
    return List.of(Mode.STATEMENTS, Mode.MEMBERS);
  }

  private Result compile(Snippet s, int n, String standardHeader, Mode mode) {
    String[] lines = s.code().split("\n", -1);
    int bodyStart = lines.length;
    boolean ownImports = false;
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].trim();
      if (t.startsWith("import ")) {
        ownImports = true;
      } else if (!t.isEmpty() && !t.startsWith("package ") && !t.startsWith("//")) {
        bodyStart = i;
        break;
      }
    }
    // the leading comment lines just before the body belong to it
    while (bodyStart > 0 && bodyStart < lines.length && lines[bodyStart - 1].trim().startsWith("//")) {
      bodyStart--;
    }
    String pkg = "snippets.s" + n;
    List<String> src = new ArrayList<>();
    List<Integer> docLine = new ArrayList<>();
    src.add("package " + pkg + ";" + (!ownImports && !s.standardImports() ? " " + standardHeader : ""));
    docLine.add(s.line());
    for (int i = 0; i < bodyStart; i++) {
      src.add(lines[i].trim().startsWith("package ") ? "" : lines[i]);
      docLine.add(s.line() + 1 + i);
    }
    List<String> body = new ArrayList<>(List.of(lines).subList(bodyStart, lines.length));
    String bodyText = String.join("\n", body);
    String firstBodyLine = body.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("//"))
        .findFirst().orElse("");
    Matcher top = TOP_TYPE.matcher(bodyText);
    String className;
    String close = null;
    if (firstBodyLine.isEmpty()) {
      className = "Imports" + n;
      src.add("class " + className + " {}");
      docLine.add(s.line());
    } else if (mode == Mode.UNIT && top.find()) {
      Matcher pub = Pattern.compile("(?m)^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)")
          .matcher(bodyText);
      className = pub.find() ? pub.group(1) : top.group(2);
    } else if (mode == Mode.MEMBERS || mode == Mode.UNIT) {
      className = "Snippet" + n;
      src.add("public class " + className + " {");
      docLine.add(s.line());
      close = "}";
    } else {
      className = "Snippet" + n;
      src.add("public class " + className + " { public void run(" + String.join(", ", s.givens())
          + ") throws Exception {");
      docLine.add(s.line());
      close = "}}";
    }
    for (int i = bodyStart; i < lines.length; i++) {
      src.add(lines[i]);
      docLine.add(s.line() + 1 + i);
    }
    if (close != null) {
      src.add(close);
      docLine.add(s.line() + lines.length);
    }
    String unit = String.join("\n", src) + "\n";
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
          FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            return classes.computeIfAbsent(name, k -> new ByteArrayOutputStream());
          }
        };
      }
    };
    JavaFileObject file = new SimpleJavaFileObject(URI.create("mem:///" + pkg.replace('.', '/') + "/" + className
        + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return unit;
      }
    };
    List<String> options = List.of("-classpath", classPath, "-proc:none", "-Xlint:none", "-nowarn", "--release", "17");
    boolean ok = javac.getTask(null, fm, diagnostics, options, null, List.of(file)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        int l = (int) d.getLineNumber() - 1;
        int at = l >= 0 && l < docLine.size() ? docLine.get(l) : s.line();
        errors.add(s.file() + ":" + at + ": " + d.getMessage(Locale.ROOT));
      }
    }
    if (!ok && errors.isEmpty()) {
      errors.add(s.where() + ": does not compile");
    }
    ClassLoader loader = ok ? new ClassLoader(SnippetCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        ByteArrayOutputStream b = classes.get(name);
        if (b == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = b.toByteArray();
        return defineClass(name, bytes, 0, bytes.length);
      }
    } : null;
    return new Result(unit, pkg + "." + className, errors, loader);
  }

  static String pathSeparator() {
    return File.pathSeparator;
  }
}
