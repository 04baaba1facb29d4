package org.odoobuild.adapters.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.spi.PayloadCodec;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.Vendor;

/** Canonical entities survive the engine's durable store (outbox, dead letters, replay) unchanged. */
class StoredPayloadsTest {

  @Test
  void canonicalEntitiesRoundTripThroughTheDefaultPayloadCodec() {
    PurchaseOrder po = WiredPathTest.order();
    PayloadCodec<PurchaseOrder> codec = PayloadCodec.json(PurchaseOrder.class);
    assertEquals(po, codec.decode(codec.encode(po)), "quantities and money included");
    Vendor v = WiredPathTest.vendor();
    PayloadCodec<Vendor> vendors = PayloadCodec.json(Vendor.class);
    assertEquals(v, vendors.decode(vendors.encode(v)));
  }
}
