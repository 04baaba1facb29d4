package org.odoobuild.client.internal;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.odoobuild.client.internal.XmlRpcCodec.XmlRpcFormatException;

/**
 * The JDK's StAX reader as an {@link XmlPull}, configured as the codec once configured it (no DTD, no
 * external entities, coalescing, no namespaces): what {@link XmlRpcScanner} is compared with.
 */
record StaxPull(XMLStreamReader r) implements XmlPull {
  private static final XMLInputFactory FACTORY = newFactory();

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return f;
  }

  static StaxPull of(byte[] body) throws XmlRpcFormatException {
    try {
      return new StaxPull(FACTORY.createXMLStreamReader(new ByteArrayInputStream(body)));
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
  }

  private static XmlRpcFormatException malformed(XMLStreamException e) {
    return new XmlRpcFormatException("not well-formed XML-RPC: " + e.getMessage(), e);
  }

  @Override public boolean hasNext() throws XmlRpcFormatException {
    try {
      return r.hasNext();
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
  }
  @Override public int next() throws XmlRpcFormatException {
    try {
      return r.next();
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
  }
  @Override public String getLocalName() {
    return r.getLocalName();
  }
  @Override public String getText() {
    return r.getText();
  }
  @Override public char[] getTextCharacters() {
    return r.getTextCharacters();
  }
  @Override public int getTextStart() {
    return r.getTextStart();
  }
  @Override public int getTextLength() {
    return r.getTextLength();
  }
  @Override public boolean isWhiteSpace() {
    return r.isWhiteSpace();
  }
  @Override public void close() {
    try {
      r.close();
    } catch (XMLStreamException ignored) {
      // nothing to release
    }
  }
}
