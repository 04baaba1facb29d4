package org.odoobuild.model.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odoobuild.model.schema.Meta;

/**
 * The structural rules every canonical value obeys, checked from its metamodel ({@link Meta}):
 * required texts are not blank, texts respect their {@link MaxLength} cap, lists have at most
 * {@link Limits#MAX_ITEMS} elements, nested values are checked recursively. Never throws.
 */
public final class Structure {
  private Structure() {
  }

  /** Every structural problem of the value (paths relative to it). */
  public static ValidationResult check(Object value) {
    List<Violation> out = new ArrayList<>();
    walk(value, "", out);
    return ValidationResult.of(out);
  }

  private static void walk(Object value, String path, List<Violation> out) {
    if (value == null || !Meta.isValueType(value.getClass())) {
      return;
    }
    for (Meta.Property p : Meta.properties(value.getClass())) {
      Object v;
      try {
        v = p.read(value);
      } catch (RuntimeException e) {
        out.add(new Violation(join(path, p.name()), ViolationCodes.INVARIANT, "cannot read: " + e.getMessage()));
        continue;
      }
      visit(p.node(), v, join(path, p.name()), p.required(), out);
    }
  }

  private static void visit(Meta.Node node, Object v, String path, boolean required, List<Violation> out) {
    if (v instanceof Optional<?> o) {
      if (o.isPresent()) {
        visit(node, o.get(), path, false, out);
      }
      return;
    }
    switch (node.kind()) {
      case TEXT -> {
        String s = (String) v;
        if (s.length() > node.maxLength()) {
          out.add(new Violation(path, ViolationCodes.TOO_LONG, "at most " + node.maxLength() + " characters, got " + s.length()));
        } else if (s.isBlank()) {
          out.add(new Violation(path, ViolationCodes.BLANK, "must not be blank"));
        }
      }
      case ARRAY -> {
        List<?> l = (List<?>) v;
        if (l.size() > Limits.MAX_ITEMS) {
          out.add(new Violation(path, ViolationCodes.TOO_MANY, "at most " + Limits.MAX_ITEMS + " elements, got " + l.size()));
          return;
        }
        for (int i = 0; i < l.size(); i++) {
          visit(node.element().orElseThrow(), l.get(i), path + "[" + i + "]", true, out);
        }
      }
      case OBJECT -> walk(v, path, out);
      default -> {
        // numbers, dates, enums, currencies: nothing structural to check once typed
      }
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
