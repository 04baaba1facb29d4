package org.odoobuild.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.1 client over a raw socket: header values are kept byte for byte (trailing spaces included). */
final class RawHttp {

    /** A raw response. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    static Response send(int port, String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder();
            req.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            req.append("Host: 127.0.0.1:").append(port).append("\r\n");
            req.append("Accept-Encoding: identity\r\n");
            req.append("Connection: close\r\n");
            for (Map.Entry<String, String> h : headers.entrySet()) {
                req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            if (method.equals("POST") || body.length > 0) {
                req.append("Content-Length: ").append(body.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return parse(all.toByteArray());
        }
    }

    static Response parse(byte[] raw) throws IOException {
        int end = -1;
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new IOException("no complete response head (" + raw.length + " bytes)");
        }
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r\n")));
        String[] statusLine = lines.remove(0).split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l : lines) {
            int c = l.indexOf(':');
            String v = l.substring(c + 1);
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), v.startsWith(" ") ? v.substring(1) : v);
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        String len = headers.get("content-length");
        if (len != null && Integer.parseInt(len.trim()) != body.length) {
            throw new IOException("body has " + body.length + " bytes, Content-Length says " + len);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, body);
    }
}
