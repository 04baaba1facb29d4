package org.odoobuild.model.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.odoobuild.model.common.Defaulted;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.SourceRef;

/**
 * The run-time metamodel of canonical value types, derived by reflection from the value
 * interfaces (and the records {@code Money}/{@code Quantity}). It drives the structural checks,
 * the tolerant JSON reader and the JSON Schema generator, so the three always agree.
 */
public final class Meta {
  private static final Map<Class<?>, List<Property>> CACHE = new ConcurrentHashMap<>();

  private Meta() {
  }

  /** The kinds of values the canonical model uses. */
  public enum Kind {
    /** A string. */
    TEXT,
    /** An integer. */
    INTEGER,
    /** An exact decimal (JSON number, or a string holding a decimal). */
    DECIMAL,
    /** A boolean. */
    BOOLEAN,
    /** An ISO date {@code yyyy-MM-dd}. */
    DATE,
    /** An ISO instant {@code 2024-03-15T10:00:00Z}. */
    DATETIME,
    /** An ISO 4217 currency code. */
    CURRENCY,
    /** One of fixed string values. */
    ENUM,
    /** A nested value type. */
    OBJECT,
    /** A list. */
    ARRAY
  }

  /**
   * The shape of one value.
   *
   * @param kind its kind
   * @param type the Java class (value type for {@code OBJECT}, enum class for {@code ENUM})
   * @param element the element shape for {@code ARRAY}
   * @param enumValues the allowed JSON values for {@code ENUM}
   * @param maxLength the text cap for {@code TEXT}
   */
  public record Node(Kind kind, Class<?> type, Optional<Node> element, List<String> enumValues, int maxLength) {
  }

  /**
   * One attribute of a value type.
   *
   * @param name JSON property name (= accessor name)
   * @param node its shape (the element shape for optionals)
   * @param required whether it must be present (not optional, not a list, no default)
   * @param accessor the accessor method on the value interface
   */
  public record Property(String name, Node node, boolean required, Method accessor) {
    /** Reads the attribute from a value. */
    public Object read(Object value) {
      try {
        return accessor.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + name, e);
      }
    }
  }

  /** Whether the class is (or implements) a canonical value interface or a value record. */
  public static boolean isValueType(Class<?> c) {
    return valueInterface(c).isPresent() || (c.isRecord() && c.getPackageName().startsWith("org.odoobuild.model"));
  }

  /** The value interface of an Immutables implementation class (or the interface itself). */
  public static Optional<Class<?>> valueInterface(Class<?> c) {
    if (c.isInterface() && c.isAnnotationPresent(JsonDeserialize.class)) {
      return Optional.of(c);
    }
    for (Class<?> i : c.getInterfaces()) {
      if (i.isAnnotationPresent(JsonDeserialize.class) && i.getPackageName().startsWith("org.odoobuild.model")) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The attributes of a value type, sorted by name ({@code sourceRefs} first). */
  public static List<Property> properties(Class<?> type) {
    Class<?> key = valueInterface(type).orElse(type);
    return CACHE.computeIfAbsent(key, Meta::introspect);
  }

  /** The attribute with this name, if any. */
  public static Optional<Property> property(Class<?> type, String name) {
    return properties(type).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static List<Property> introspect(Class<?> type) {
    List<Property> out = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        Method m = rc.getAccessor();
        out.add(new Property(rc.getName(), node(rc.getGenericType(), cap(m)), !isOptional(rc.getGenericType()), m));
      }
      return List.copyOf(out);
    }
    Class<?> impl = type.getAnnotation(JsonDeserialize.class).as();
    for (Method im : impl.getDeclaredMethods()) {
      JsonProperty jp = im.getAnnotation(JsonProperty.class);
      if (jp == null || im.getParameterCount() != 0 || java.lang.reflect.Modifier.isStatic(im.getModifiers())) {
        continue;
      }
      Method m;
      try {
        m = type.getMethod(im.getName());
      } catch (NoSuchMethodException e) {
        continue;
      }
      Type t = m.getGenericReturnType();
      boolean optional = isOptional(t) || isList(t) || m.isAnnotationPresent(Defaulted.class);
      out.add(new Property(jp.value().isEmpty() ? m.getName() : jp.value(), node(t, cap(m)), !optional, m));
    }
    out.sort(Comparator.comparing((Property p) -> !p.name().equals("sourceRefs")).thenComparing(Property::name));
    return List.copyOf(out);
  }

  private static int cap(Method m) {
    MaxLength ml = m.getAnnotation(MaxLength.class);
    return ml != null ? ml.value() : Limits.NAME;
  }

  private static boolean isOptional(Type t) {
    return t instanceof ParameterizedType p && p.getRawType() == Optional.class;
  }

  private static boolean isList(Type t) {
    return t instanceof ParameterizedType p && p.getRawType() == List.class;
  }

  private static Node node(Type t, int cap) {
    if (t instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[0];
      if (p.getRawType() == Optional.class) {
        return node(arg, cap);
      }
      if (p.getRawType() == List.class) {
        return new Node(Kind.ARRAY, List.class, Optional.of(node(arg, arg == SourceRef.class ? Limits.REF : cap)), List.of(), 0);
      }
      throw new IllegalArgumentException("unsupported type " + t);
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class) {
      return simple(Kind.TEXT, c, cap);
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return simple(Kind.INTEGER, c, 0);
    }
    if (c == BigDecimal.class) {
      return simple(Kind.DECIMAL, c, 0);
    }
    if (c == boolean.class || c == Boolean.class) {
      return simple(Kind.BOOLEAN, c, 0);
    }
    if (c == LocalDate.class) {
      return simple(Kind.DATE, c, 0);
    }
    if (c == Instant.class) {
      return simple(Kind.DATETIME, c, 0);
    }
    if (c == Currency.class) {
      return simple(Kind.CURRENCY, c, 0);
    }
    if (c.isEnum()) {
      return new Node(Kind.ENUM, c, Optional.empty(), enumValues(c), 0);
    }
    if (isValueType(c)) {
      return simple(Kind.OBJECT, c, 0);
    }
    throw new IllegalArgumentException("unsupported type " + c);
  }

  private static Node simple(Kind k, Class<?> c, int cap) {
    return new Node(k, c, Optional.empty(), List.of(), cap);
  }

  /** The JSON values of an enum: its {@code @JsonValue} method's results, else the constant names. */
  public static List<String> enumValues(Class<?> enumType) {
    Method jv = Arrays.stream(enumType.getMethods()).filter(m -> m.isAnnotationPresent(JsonValue.class)).findFirst().orElse(null);
    List<String> out = new ArrayList<>();
    for (Object c : enumType.getEnumConstants()) {
      try {
        out.add(jv == null ? ((Enum<?>) c).name() : String.valueOf(jv.invoke(c)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(out);
  }
}
