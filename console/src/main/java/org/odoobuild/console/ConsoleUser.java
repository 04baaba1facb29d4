package org.odoobuild.console;

import java.util.Objects;

/**
 * Who uses the console: the name written as actor into the audit trail, and the role.
 *
 * @param name the user name (1 to 128 characters, no control characters)
 * @param role what the user may do
 */
public record ConsoleUser(String name, Role role) {

  /** Validates. */
  public ConsoleUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if (name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a user name has 1 to 128 characters and no control characters");
    }
  }
}
