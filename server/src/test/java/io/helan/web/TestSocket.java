package io.helan.web;

import io.helan.bench.ValueFrameReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@code java.net.http} WebSocket client of {@code /ws} that collects what the server sends. */
final class TestSocket implements WebSocket.Listener {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();

  /** The status code of the server's close frame. */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private final StringBuilder partial = new StringBuilder();
  private final ValueFrameReader reader = new ValueFrameReader();
  private WebSocket socket;

  /** The server refused the upgrade with this HTTP status. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status) {
      super("upgrade refused with " + status);
      this.status = status;
    }
  }

  /**
   * Opens {@code /ws} with the query (after {@code ?}) and Authorization header, either may be
   * null.
   */
  static TestSocket open(int port, String query, String authorization) throws Exception {
    TestSocket listener = new TestSocket();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    URI uri = URI.create("ws://127.0.0.1:" + port + "/ws" + (query == null ? "" : "?" + query));
    try {
      listener.socket = builder.buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        throw new Refused(refused.getResponse().statusCode());
      }
      throw e;
    }
    return listener;
  }

  /** The HTTP status of an upgrade the server refuses; fails if it accepts. */
  static int refusal(int port, String query, String authorization) throws Exception {
    try {
      open(port, query, authorization).close();
    } catch (Refused e) {
      return e.status;
    }
    throw new AssertionError("the upgrade was accepted");
  }

  static String token(String token) {
    return "token=" + token;
  }

  void send(JsonObject message) throws Exception {
    socket.sendText(message.encode(), true).get(5, TimeUnit.SECONDS);
  }

  void subscribeAll() throws Exception {
    send(new JsonObject().put("type", "subscribe").put("stations", new JsonArray().add("*")));
  }

  /** The next message of the type, skipping others; fails after 10 s. */
  /** The point values of the next {@code values} message. */
  Map<String, Double> nextValues() throws InterruptedException {
    return reader.values(next("values"));
  }

  JsonObject next(String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject message = messages.poll(100, TimeUnit.MILLISECONDS);
      if (message != null && type.equals(message.getString("type"))) {
        return message;
      }
    }
    throw new AssertionError("no '" + type + "' message within 10 s");
  }

  void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.add(new JsonObject(partial.toString()));
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }
}
