package org.odoobuild.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.odoobuild.client.Record;
import org.odoobuild.client.internal.JsonCodec;
import org.odoobuild.client.internal.JsonRpcTransport;
import org.odoobuild.client.internal.XmlRpcCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding the recorded 2,000-row {@code search_read} answers of Odoo 19 (JSON-2, JSON-RPC,
 * XML-RPC) into {@link Record}s, next to the limit: Jackson's tree parser over the same JSON
 * bytes, a bare StAX pass (every event, every text read, nothing built) over the same XML.
 * Targets: JSON within 1.2x of Jackson's tree, XML-RPC within 2x of bare StAX.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {
  /** Rows in each recorded answer (for allocation per row). */
  public static final int ROWS = 2000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final XMLInputFactory STAX = newStax();

  private byte[] json2;
  private byte[] jsonrpc;
  private byte[] xmlrpc;

  private static XMLInputFactory newStax() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return f;
  }

  @Setup
  public void load() throws Exception {
    json2 = Wire.responseBody("json2", "search-read-2000-fields");
    jsonrpc = Wire.responseBody("jsonrpc", "search-read-2000-fields");
    xmlrpc = Wire.responseBody("xmlrpc", "search-read-2000-fields");
    // the decoders must agree on the row count, or the comparison means nothing
    check(json2Sdk().size(), "json2");
    check(jsonRpcSdk().size(), "jsonrpc");
    check(xmlRpcSdk().size(), "xmlrpc");
  }

  private static void check(int rows, String what) {
    if (rows != ROWS) {
      throw new IllegalStateException(what + ": decoded " + rows + " rows, expected " + ROWS);
    }
  }

  // ---- JSON-2 (bare body) ---------------------------------------------------------------

  @Benchmark
  public JsonNode json2_baseline_jacksonTree() throws Exception {
    return MAPPER.readTree(json2);
  }

  @Benchmark
  public List<Record> json2_sdk() throws Exception {
    return records(JsonCodec.read(json2));
  }

  // ---- JSON-RPC (envelope) --------------------------------------------------------------

  @Benchmark
  public JsonNode jsonrpc_baseline_jacksonTree() throws Exception {
    return MAPPER.readTree(jsonrpc);
  }

  @Benchmark
  public List<Record> jsonrpc_sdk() {
    return records(JsonRpcTransport.parseEnvelope(jsonrpc, -1, "ir.model.fields", "search_read", List.of())
        .orElseThrow());
  }

  // ---- XML-RPC --------------------------------------------------------------------------

  @Benchmark
  public void xmlrpc_baseline_stax(Blackhole bh) throws Exception {
    XMLStreamReader r = STAX.createXMLStreamReader(new ByteArrayInputStream(xmlrpc));
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT || ev == XMLStreamConstants.END_ELEMENT) {
        bh.consume(r.getLocalName());
      } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
          || ev == XMLStreamConstants.SPACE) {
        bh.consume(r.getText());
      }
    }
    r.close();
  }

  @Benchmark
  public List<Record> xmlrpc_sdk() throws Exception {
    return records(XmlRpcCodec.parseResponse(xmlrpc).value());
  }

  // ---- helpers --------------------------------------------------------------------------

  List<Record> json2Sdk() throws Exception {
    return json2_sdk();
  }

  List<Record> jsonRpcSdk() {
    return jsonrpc_sdk();
  }

  List<Record> xmlRpcSdk() throws Exception {
    return xmlrpc_sdk();
  }

  @SuppressWarnings("unchecked")
  static List<Record> records(Object decoded) {
    List<?> rows = (List<?>) decoded;
    List<Record> out = new ArrayList<>(rows.size());
    for (Object o : rows) {
      out.add(new Record((Map<String, Object>) o));
    }
    return out;
  }
}
