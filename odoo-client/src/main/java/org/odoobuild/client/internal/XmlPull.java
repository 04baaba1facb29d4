package org.odoobuild.client.internal;

import org.odoobuild.client.internal.XmlRpcCodec.XmlRpcFormatException;

/**
 * The pull events {@link XmlRpcCodec} reads, in the terms of StAX's {@code XMLStreamReader}
 * (event codes of {@code XMLStreamConstants}): {@link XmlRpcScanner} in use, the JDK's StAX reader
 * to compare against in tests. Not thread-safe.
 */
interface XmlPull {
  /** Whether {@link #next} has another event (false once the end of the document was reported). */
  boolean hasNext() throws XmlRpcFormatException;

  /** Advances to the next event: start or end of an element, characters, or end of document. */
  int next() throws XmlRpcFormatException;

  /** The name of the element just started or ended. */
  String getLocalName();

  /** The characters of the current text event. */
  String getText();

  /** The array holding the current text (valid until the next event). */
  char[] getTextCharacters();

  /** Where the current text starts in {@link #getTextCharacters}. */
  int getTextStart();

  /** The length of the current text. */
  int getTextLength();

  /** Whether the current text is all XML white space. */
  boolean isWhiteSpace();

  /** Releases the reader (never closes the underlying stream). */
  void close();
}
