package org.odoobuild.model.common;

/**
 * The root of every exception of the canonical model: values that cannot be built or combined
 * (units, currencies) and explicit "or throw" conveniences over validation. An
 * {@link IllegalArgumentException}, because each one is a caller's argument the model refused;
 * validation itself never throws (it returns violations).
 */
public class ModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public ModelException(String message) {
    super(message);
  }
}
