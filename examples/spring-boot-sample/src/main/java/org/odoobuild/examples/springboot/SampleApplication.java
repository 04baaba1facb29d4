package org.odoobuild.examples.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;

/**
 * Vendors from a CSV file into Odoo, every five minutes, with only properties: the starter builds the
 * client from {@code odoo.*}, keeps the sync state in the application's DataSource, registers the
 * {@link Flow} bean below with the engine, runs it on {@code odoo.sync.interval} and reports health
 * ({@code /actuator/health}: {@code odoo}, {@code odooSync}) and metrics ({@code sync.*},
 * {@code odoo.calls}).
 */
@SpringBootApplication
public class SampleApplication {

  /** A vendor row of the file. */
  public record VendorRow(String code, String name, String email) {}

  /**
   * Runs the application.
   *
   * @param args Spring Boot arguments ({@code --odoo.url=...})
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }

  /**
   * The vendors flow: each row becomes a res.partner upserted by external id, so a re-run never
   * duplicates and an edited row updates its partner.
   *
   * @param odoo the auto-configured client
   * @param file the CSV file ({@code sample.vendors})
   * @return the flow
   */
  @Bean
  Flow<VendorRow> vendors(OdooClient odoo, @Value("${sample.vendors}") Resource file) {
    return Flow.builder("vendors", VendorRow.class)
        .source((cursor, max) -> {
          List<SourceRecord<VendorRow>> rows = read(file);
          int from = cursor.map(Integer::parseInt).orElse(0);
          int to = Math.min(rows.size(), from + max);
          return new SourceBatch<>(rows.subList(from, to), Integer.toString(to), to < rows.size(),
              java.util.OptionalLong.of(rows.size() - to));
        })
        .validator(v -> v.name().isBlank() ? List.of("name is empty") : List.of())
        .sink(RowSink.of(odoo, v -> LoadRecord.of("res.partner", "sample.vendor_" + v.code().toLowerCase(),
            Map.of("name", v.name(), "email", v.email(), "supplier_rank", 1))))
        .build();
  }

  static List<SourceRecord<VendorRow>> read(Resource file) {
    String text;
    try (var in = file.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<SourceRecord<VendorRow>> out = new ArrayList<>();
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      VendorRow v = new VendorRow(f[0].trim(), f[1].trim(), f.length > 2 ? f[2].trim() : "");
      // the row's content is its revision: an edited row is a new record, an unchanged one a duplicate
      out.add(new SourceRecord<>(new RecordKey("vendor-file", v.code(), Integer.toHexString(line.hashCode())),
          EventCatalog.VENDOR_APPROVED, v, Instant.EPOCH, "", Map.of()));
    }
    return out;
  }
}
