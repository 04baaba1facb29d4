package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void concurrentCreatesGetDistinctIdsWhileFaultsAreFlipped() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().threads(8).build().start()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Object>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    final int thread = t;
                    futures.add(pool.submit(() -> {
                        Rpc rpc = new Rpc(odoo);
                        List<Object> ids = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            ids.add(rpc.call("res.partner", "create", List.of(Map.of("name", "C-" + thread + "-" + i))));
                            if (thread == 0) {
                                odoo.faults().latency(Duration.ofMillis(i % 2));
                            }
                        }
                        return ids;
                    }));
                }
                Set<Object> all = new HashSet<>();
                for (Future<List<Object>> f : futures) {
                    all.addAll(f.get());
                }
                odoo.faults().clear();
                assertEquals(160, all.size());
                assertEquals(160, new Rpc(odoo).call("res.partner", "search_count", List.of(List.of(List.of("name", "=like", "C-%")))));
                assertEquals(160, odoo.callCount("res.partner", "create"));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
