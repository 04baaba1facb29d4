package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.ConnectorsException;

/**
 * H2 and the PostgreSQL driver are optional dependencies: without them on the class path the
 * store factories fail with an error that names the dependency, and a store over an application's
 * data source needs no pool of ours. The "class path without" is this test's class path minus the
 * driver's jar, in a class loader of its own.
 */
class OptionalDriversTest {
  @TempDir
  Path dir;

  @Test
  void embeddedWithoutH2NamesTheDependency() throws Exception {
    Throwable e = invokeWithout(jar -> jar.contains("h2"), "embedded", new Class<?>[] {Path.class}, dir);
    assertEquals(StoreException.class.getName(), e.getClass().getName());
    assertTrue(e.getMessage().contains("com.h2database:h2"), e.getMessage());
    assertTrue(e.getMessage().startsWith("SyncStores.embedded needs"), e.getMessage());
    assertTrue(isConnectorsException(e), "a ConnectorsException");
  }

  @Test
  void inMemoryWithoutH2NamesTheDependency() throws Exception {
    Throwable e = invokeWithout(jar -> jar.contains("h2"), "inMemory", new Class<?>[0]);
    assertTrue(e.getMessage().contains("com.h2database:h2"), e.getMessage());
  }

  @Test
  void postgresWithoutTheDriverNamesTheDependency() throws Exception {
    Throwable e = invokeWithout(jar -> jar.contains("postgresql"), "postgres",
        new Class<?>[] {String.class, String.class, String.class}, "jdbc:postgresql://127.0.0.1:1/x", "u", "");
    assertEquals(StoreException.class.getName(), e.getClass().getName());
    assertTrue(e.getMessage().contains("org.postgresql:postgresql"), e.getMessage());
  }

  @Test
  void postgresOnAUrlNeedsNoH2() throws Exception {
    // the PostgreSQL store's pool is the SDK's own: without H2 it gets as far as connecting
    Throwable e = invokeWithout(jar -> jar.contains("h2"), "postgres",
        new Class<?>[] {String.class, String.class, String.class}, "jdbc:postgresql://127.0.0.1:1/x", "u", "");
    assertEquals(StoreException.class.getName(), e.getClass().getName());
    assertTrue(e.getMessage().contains("cannot connect") && !e.getMessage().contains("com.h2database"), e.getMessage());
  }

  @Test
  void anApplicationsH2DataSourceInPostgresModeHoldsTheStore() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:app-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1" + EmbeddedSyncStore.REQUIRED_URL_OPTIONS);
    try (SyncStore store = SyncStores.on(ds)) {
      store.saveCursor("f", "7");
      assertEquals("7", store.cursor("f").orElseThrow());
    }
    try (Connection c = ds.getConnection()) {
      assertTrue(c.isValid(1), "the application's data source stays open");
    }
  }

  @Test
  void anH2DataSourceInRegularModeIsRefusedWithTheOptionsToAdd() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:regular-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    StoreException e = assertThrows(StoreException.class, () -> SyncStores.h2(ds));
    assertTrue(e.getMessage().contains("MODE=PostgreSQL"), e.getMessage());
  }

  private static boolean isConnectorsException(Throwable e) {
    for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(ConnectorsException.class.getName())) {
        return true;
      }
    }
    return false;
  }

  /** Calls {@code SyncStores.<method>} in a class loader whose class path lacks the matching jars. */
  private static Throwable invokeWithout(Predicate<String> dropJar, String method, Class<?>[] types, Object... args)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    int dropped = 0;
    for (String entry : classPath()) {
      String name = new File(entry).getName();
      if (name.endsWith(".jar") && dropJar.test(name)) {
        dropped++;
        continue;
      }
      urls.add(toUrl(entry));
    }
    assertTrue(dropped > 0, "the driver's jar was on the test class path");
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> stores = Class.forName(SyncStores.class.getName(), true, loader);
      Method m = stores.getMethod(method, types);
      InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(null, args));
      return e.getCause();
    }
  }

  private static List<String> classPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(cp.split(File.pathSeparator));
  }

  private static URL toUrl(String entry) {
    try {
      return new File(entry).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

}
