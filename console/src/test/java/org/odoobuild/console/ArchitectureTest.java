package org.odoobuild.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console builds on the core only, and keeps its public surface small. */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/org/odoobuild/console");

  static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void neverTheOdooClientNorTheAdapters() throws IOException {
    List<Path> all = sources();
    assertTrue(all.size() > 10, "sources found in " + MAIN.toAbsolutePath());
    for (Path p : all) {
      String text = Files.readString(p);
      assertTrue(!text.contains("org.odoobuild.client") && !text.contains("org.odoobuild.adapters"),
          p + " reaches past the core");
    }
  }

  @Test
  void theOnlyPublicTypesAreTheApi() throws IOException {
    List<String> api;
    try (Stream<Path> files = Files.list(MAIN)) {
      api = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
          .sorted().toList();
    }
    assertEquals(List.of("ConsoleAuthenticator.java", "ConsolePage.java", "ConsoleServer.java", "ConsoleUser.java", "JobCostPage.java",
        "Role.java"), api);
  }
}
