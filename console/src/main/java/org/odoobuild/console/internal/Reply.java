package org.odoobuild.console.internal;

/**
 * What a page answers: a page body with its title and navigation key, or a redirect (after an
 * action) with the message to show on the next page.
 */
record Reply(int status, String title, String active, String body, String redirect, String flash) {

  static Reply page(String title, String active, String body) {
    return new Reply(200, title, active, body, "", "");
  }

  /** Redirects to a path below the console's base, showing {@code flash} there ({@code !…} for an error). */
  static Reply redirect(String path, String flash) {
    return new Reply(303, "", "", "", path, flash);
  }
}
