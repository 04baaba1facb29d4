package org.odoobuild.console;

/** What a console user may do. */
public enum Role {
  /** Sees everything the console shows (payloads masked); changes nothing. */
  VIEWER,
  /** A viewer who may also act: replay and route dead letters, pause, resume and run flows, fire workflow actions. */
  OPERATOR;

  /**
   * Whether this role includes {@code needed}.
   *
   * @param needed the role an action needs
   * @return true for an operator, and for a viewer when only viewing is needed
   */
  public boolean includes(Role needed) {
    return this == OPERATOR || needed == VIEWER;
  }
}
