package org.odoobuild.model.finance;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.immutables.value.Value;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.ValidationResult;

/** A project budget by cost code (from estimating), one revision per approval. */
@Value.Immutable
@JsonSerialize(as = ImmutableBudget.class)
@JsonDeserialize(as = ImmutableBudget.class)
public interface Budget extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "budget";

  /** The project. */
  SourceRef projectRef();

  /** Name, e.g. {@code Baseline rev 2}. */
  String name();

  /** Lifecycle status. */
  BudgetStatus status();

  /** Budget currency; every line amount must be in it. */
  Currency currency();

  /** The lines. */
  List<BudgetLine> lines();

  /** Sum of the line amounts in the budget currency. */
  default Money total() {
    return Money.sumIn(currency(), lines().stream().map(l -> l.amount()));
  }

  @Override
  default String entityType() {
    return TYPE;
  }

  /** Structural invariant: at least one source reference. */
  @Value.Check
  default void check() {
    CanonicalEntity.requireRefs(sourceRefs(), TYPE);
  }

  @Override
  default ValidationResult validate() {
    Problems p = new Problems().structure(this);
    p.unique("lines", "lineNumber", lines(), BudgetLine::lineNumber);
    p.unique("lines", "costCode", lines().stream().filter(l -> l.costCode().isPresent()).toList(), l -> l.costCode().get());
    for (int i = 0; i < lines().size(); i++) {
      BudgetLine l = lines().get(i);
      String at = "lines[" + i + "]";
      p.positive(at + ".lineNumber", BigDecimal.valueOf(l.lineNumber()));
      p.costCode(at + ".costCode", l.costCode());
      p.notNegative(at + ".amount.amount", l.amount().amount());
      p.currency(at + ".amount.currency", l.amount(), currency());
      l.quantity().ifPresent(q -> p.notNegative(at + ".quantity.value", q.value()));
    }
    return p.result();
  }
}
