package org.odoobuild.model.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Deterministic Odoo external ids ({@code ir.model.data}) for canonical records.
 *
 * <p>Form: {@code construction_sdk.<entity>_<system>_<id>} where the name part only contains
 * {@code [a-z0-9_]}. When the source id is not already in that alphabet (upper case, spaces,
 * slashes…) or would make the name longer than {@value #MAX_NAME} characters, the readable
 * part is sanitised/truncated and the first 12 hex digits of {@code sha256(system + "\0" + id)}
 * are appended, so two different source ids never share an external id. The revision is not
 * part of the external id: every revision of a record updates the same Odoo record.
 */
public final class ExternalIds {
  /** The ir.model.data module used for every record the SDK writes. */
  public static final String MODULE = "construction_sdk";
  /** Longest name part produced. */
  public static final int MAX_NAME = 120;
  /** Shape of a valid external id name part. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
  private static final Pattern FULL = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");

  private ExternalIds() {
  }

  /** The external id ({@code module.name}) of a record of the given entity type. */
  public static String of(String entityType, SourceRef ref) {
    return MODULE + "." + name(entityType, ref);
  }

  /** Only the name part ({@code <entity>_<system>_<id>}). */
  public static String name(String entityType, SourceRef ref) {
    String prefix = sanitize(entityType) + "_" + sanitize(ref.system()) + "_";
    String id = ref.id();
    String clean = sanitize(id);
    boolean lossless = clean.equals(id);
    if (lossless && prefix.length() + clean.length() <= MAX_NAME) {
      return prefix + clean;
    }
    String hash = sha256(ref.system() + "\u0000" + id).substring(0, 12);
    int room = MAX_NAME - prefix.length() - hash.length() - 1;
    String readable = clean.length() > room ? clean.substring(0, Math.max(0, room)) : clean;
    return prefix + readable + "_" + hash;
  }

  /** Whether the text is a valid {@code module.name} external id. */
  public static boolean isValid(String externalId) {
    return FULL.matcher(externalId).matches();
  }

  /** Lower-cases and replaces every character outside {@code [a-z0-9_]} by {@code _}. */
  public static String sanitize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return b.toString();
  }

  /** Hex SHA-256 of the UTF-8 text. */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
