package org.odoobuild.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of {@code load(fields, rows)}: the ids of the imported rows, or, when any row was
 * refused, no ids and one message per problem. Odoo imports nothing when a row has an error.
 *
 * @param ids ids in row order (empty when the import was refused)
 * @param messages the per-row messages
 * @param nextRow Odoo's {@code nextrow}
 */
public record LoadResult(List<Long> ids, List<Message> messages, long nextRow) {

  /**
   * One message about the import.
   *
   * @param type {@code error}, {@code warning} or {@code info}
   * @param message the text
   * @param row the 0-based row it refers to, when given
   * @param field the technical field name, when given
   * @param fieldLabel the field label, when given
   */
  public record Message(String type, String message, Optional<Integer> row, Optional<String> field,
      Optional<String> fieldLabel) {

    /** Whether this message refused the import. */
    public boolean isError() {
      return type.equals("error");
    }
  }

  /** Whether every row was imported. */
  public boolean isSuccess() {
    return messages.stream().noneMatch(Message::isError) && !ids.isEmpty();
  }

  /** Only the error messages. */
  public List<Message> errors() {
    return messages.stream().filter(Message::isError).toList();
  }

  /** Decodes Odoo's {@code {"ids", "messages", "nextrow"}} answer. */
  public static LoadResult of(Object raw) {
    if (!(raw instanceof Map<?, ?> m)) {
      throw new OdooValueException("load() did not return an object: " + raw);
    }
    List<Long> ids = new ArrayList<>();
    if (m.get("ids") instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof Number n)) {
          throw new OdooValueException("load() returned a non-id in 'ids': " + o);
        }
        ids.add(n.longValue());
      }
    }
    List<Message> messages = new ArrayList<>();
    if (m.get("messages") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> msg) {
          messages.add(new Message(
              String.valueOf(msg.get("type")),
              msg.get("message") instanceof String s ? s : String.valueOf(msg.get("message")),
              msg.get("record") instanceof Number n ? Optional.of(n.intValue()) : Optional.empty(),
              msg.get("field") instanceof String f ? Optional.of(f) : Optional.empty(),
              msg.get("field_name") instanceof String f ? Optional.of(f) : Optional.empty()));
        }
      }
    }
    long next = m.get("nextrow") instanceof Number n ? n.longValue() : 0L;
    return new LoadResult(List.copyOf(ids), List.copyOf(messages), next);
  }
}
