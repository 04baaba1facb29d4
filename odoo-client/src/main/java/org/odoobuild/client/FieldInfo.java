package org.odoobuild.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One field of a model as {@code fields_get} describes it.
 *
 * @param name technical name
 * @param type Odoo type ({@code char}, {@code many2one}, …); empty when not asked for
 * @param label the {@code string} attribute
 * @param required whether required
 * @param readonly whether read-only
 * @param relation the related model for relational fields
 * @param selection the selection values ({@code value → label}) for selection fields
 * @param attributes every attribute as sent
 */
public record FieldInfo(String name, String type, String label, boolean required, boolean readonly,
    Optional<String> relation, Map<String, String> selection, Map<String, Object> attributes) {

  /** Builds the description from the attribute map Odoo sent for one field. */
  public static FieldInfo of(String name, Map<String, Object> attrs) {
    Map<String, String> selection = new LinkedHashMap<>();
    if (attrs.get("selection") instanceof List<?> options) {
      for (Object o : options) {
        if (o instanceof List<?> pair && pair.size() == 2) {
          selection.put(String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
        }
      }
    }
    Object relation = attrs.get("relation");
    return new FieldInfo(name,
        attrs.get("type") instanceof String t ? t : "",
        attrs.get("string") instanceof String s ? s : "",
        Boolean.TRUE.equals(attrs.get("required")),
        Boolean.TRUE.equals(attrs.get("readonly")),
        relation instanceof String r && !r.isEmpty() ? Optional.of(r) : Optional.empty(),
        Map.copyOf(selection),
        attrs);
  }

  /** Whether this is a many2one, one2many or many2many field. */
  public boolean isRelational() {
    return type.equals("many2one") || type.equals("one2many") || type.equals("many2many");
  }
}
