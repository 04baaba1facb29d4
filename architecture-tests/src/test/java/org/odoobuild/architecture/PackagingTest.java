package org.odoobuild.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a user of the published artifacts relies on, read from the poms of the repository: every
 * jar module names its Automatic-Module-Name after the package its classes live in, every published
 * module is in the BOM, and the BOM carries the project's version.
 */
class PackagingTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyJarModuleHasAnAutomaticModuleNameMatchingItsPackages() {
    List<String> problems = new ArrayList<>();
    for (String module : modules()) {
      String pom = read(ROOT.resolve(module).resolve("pom.xml"));
      if (tag(pom, "packaging").orElse("jar").equals("pom")) {
        continue;
      }
      Optional<String> name = tag(pom, "automatic.module.name");
      if (name.isEmpty()) {
        problems.add(module + ": no <automatic.module.name>");
        continue;
      }
      if (!name.get().matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+")) {
        problems.add(module + ": '" + name.get() + "' is not a valid module name");
      }
      Path src = ROOT.resolve(module).resolve("src/main/java");
      for (String pkg : packages(src)) {
        if (!pkg.equals(name.get()) && !pkg.startsWith(name.get() + ".")) {
          problems.add(module + ": package " + pkg + " is outside its module name " + name.get());
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersion() {
    String rootPom = read(ROOT.resolve("pom.xml"));
    String version = tag(rootPom.substring(rootPom.indexOf("</parent>") + 1), "version").orElseThrow();
    String bom = read(ROOT.resolve("sdk-bom/pom.xml"));
    assertEquals(version, tag(bom, "version").orElseThrow(), "sdk-bom's version");
    assertTrue(!bom.contains("<parent>"), "sdk-bom must not inherit the SDK's dependencyManagement");
    TreeSet<String> published = new TreeSet<>();
    for (String module : modules()) {
      String pom = read(ROOT.resolve(module).resolve("pom.xml"));
      boolean skipped = pom.contains("<maven.deploy.skip>true</maven.deploy.skip>");
      if (!skipped && !tag(pom, "packaging").orElse("jar").equals("pom")) {
        published.add(artifactId(pom));
      }
    }
    TreeSet<String> inBom = new TreeSet<>();
    Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId><version>\\$\\{project.version}</version>").matcher(bom);
    while (m.find()) {
      inBom.add(m.group(1));
    }
    assertEquals(published, inBom, "published modules (no maven.deploy.skip) vs. the BOM");
  }

  @Test
  void theLicenceIsApache2AndDeclaredInThePom() {
    String licence = read(ROOT.resolve("LICENSE"));
    assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"));
    String rootPom = read(ROOT.resolve("pom.xml"));
    assertTrue(rootPom.contains("<name>Apache-2.0</name>"), "licence in the root pom");
    assertTrue(rootPom.contains("<scm>") && rootPom.contains("<developers>"), "SCM and developers in the root pom");
  }

  static List<String> modules() {
    String rootPom = read(ROOT.resolve("pom.xml"));
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String artifactId(String pom) {
    return tag(pom.substring(pom.indexOf("</parent>") + 1), "artifactId").orElseThrow();
  }

  static Optional<String> tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">\\s*([^<]*?)\\s*</" + Pattern.quote(name) + ">").matcher(xml);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static TreeSet<String> packages(Path src) {
    TreeSet<String> out = new TreeSet<>();
    if (!Files.isDirectory(src)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(p -> p.toString().endsWith(".java"))
          .forEach(p -> out.add(src.relativize(p.getParent()).toString().replace(java.io.File.separatorChar, '.')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
