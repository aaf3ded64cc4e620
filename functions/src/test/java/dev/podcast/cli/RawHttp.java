package dev.podcast.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client of bytes on a socket to 127.0.0.1, for what an HTTP client library will not send
 * (backslashes, control characters, unfinished headers) or will not wait for: each connection
 * is one {@link Socket}, closed by the caller.
 */
final class RawHttp {

  /** A response as read off the wire; {@code status} 0 when nothing came. */
  record Answer(int status, Map<String, String> headers, String body, boolean closed) {

    /** Header {@code name} (any case), or "". */
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  private RawHttp() {}

  /** A connection to the server at {@code port}; reads wait at most {@code timeoutMs}. */
  static Socket open(int port, int timeoutMs) {
    try {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(timeoutMs);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes}, as they are. */
  static void send(Socket socket, byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** Writes {@code text} in ISO-8859-1, byte for char. */
  static void send(Socket socket, String text) throws IOException {
    send(socket, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** {@code request} (with {@code Connection: close}) on a connection of its own; its answer. */
  static Answer exchange(int port, byte[] request) throws IOException {
    try (Socket socket = open(port, 10_000)) {
      send(socket, request);
      return read(socket);
    }
  }

  /**
   * Reads one response: status line, headers, and the body by its {@code Content-Length} (or up
   * to the end of the connection without one); {@code closed} tells whether the server then
   * closed the connection (looked at only when it said {@code Connection: close} or sent no
   * length).
   */
  static Answer read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    try {
      while ((b = in.read()) >= 0) {
        head.write(b);
        if (head.size() >= 4 && endsWithBlankLine(head.toByteArray())) {
          break;
        }
      }
    } catch (SocketTimeoutException nothing) {
      return new Answer(0, Map.of(), "", false);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (text.isEmpty()) {
      return new Answer(0, Map.of(), "", true);
    }
    String[] lines = text.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    String length = headers.get("content-length");
    byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    boolean closed = length == null;
    if (!closed && "close".equalsIgnoreCase(headers.get("connection"))) {
      try {
        closed = in.read() < 0;
      } catch (IOException reset) {
        closed = true;
      }
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), closed);
  }

  /** Whether the server closed {@code socket} (end of stream) before {@code timeoutMs}. */
  static boolean closedWithin(Socket socket, int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException open) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static boolean endsWithBlankLine(byte[] bytes) {
    int n = bytes.length;
    return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r'
        && bytes[n - 1] == '\n';
  }
}
