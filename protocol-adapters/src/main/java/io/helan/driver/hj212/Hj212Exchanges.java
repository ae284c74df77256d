package io.helan.driver.hj212;

import io.helan.driver.CommandOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The platform's requests to one logger under way, by QN, with the standard's handshake: request →
 * 9011 (QnRtn) → data packets → 9012 (ExeRtn). Without a 9011 within OverTime the request is sent
 * again, up to ReCount times, then it fails; a request that waits for its result fails without a
 * 9012 within OverTime after the 9011.
 */
final class Hj212Exchanges {
  /** Sends a frame to the logger; throws if it cannot. */
  interface Sender {
    void send(byte[] frame) throws IOException;
  }

  private final ScheduledExecutorService timer;
  private final long timeoutMs;
  private final int retries;
  private final Map<String, Exchange> open = new ConcurrentHashMap<>();

  Hj212Exchanges(ScheduledExecutorService timer, long timeoutMs, int retries) {
    this.timer = timer;
    this.timeoutMs = timeoutMs;
    this.retries = retries;
  }

  /**
   * Sends a request and follows its handshake.
   *
   * @param waitForResult complete on 9012 (the result), else already on 9011 QnRtn=1 (the device
   *     has taken the request: a calibration then runs its course)
   */
  CompletableFuture<CommandOutcome> send(
      String qn, int cn, byte[] frame, boolean waitForResult, Sender sender) {
    Exchange exchange = new Exchange(qn, cn, frame, waitForResult, sender);
    open.put(qn, exchange);
    exchange.attempt();
    return exchange.outcome;
  }

  /**
   * Takes an answer or a data packet of a request under way (data packets come with their own QN:
   * they are matched by CN); returns whether it was one. A 9012 after a request already accepted on
   * its 9011 (a calibration) finds none and is only logged.
   */
  boolean take(Hj212Packet packet) {
    if (open.isEmpty()) {
      return false;
    }
    String qn = packet.qn();
    Exchange exchange = qn == null ? null : open.get(qn);
    if (exchange == null && packet.cn() != 9011 && packet.cn() != 9012) {
      exchange = answeringWithData(packet.cn());
    }
    if (exchange == null) {
      return false;
    }
    switch (packet.cn()) {
      case 9011 -> exchange.ready(fieldInt(packet, "QnRtn"));
      case 9012 -> exchange.executed(fieldInt(packet, "ExeRtn"));
      default -> exchange.data(packet);
    }
    return true;
  }

  /**
   * The request a data packet of its own QN answers (1011 time, 3015 retention): one of that CN the
   * logger has taken (9011) and not finished.
   */
  private Exchange answeringWithData(int cn) {
    for (Exchange exchange : open.values()) {
      if (exchange.cn == cn && exchange.ready) {
        return exchange;
      }
    }
    return null;
  }

  /** Fails every request under way: the connection is gone. */
  void failAll(String reason) {
    for (Exchange exchange : open.values()) {
      exchange.finish(null, new IOException(reason));
    }
  }

  private static int fieldInt(Hj212Packet packet, String name) {
    int field = packet.find(name.getBytes(StandardCharsets.US_ASCII));
    return field < 0 ? -1 : packet.integer(field);
  }

  /** QnRtn in words. */
  static String qnRtn(int code) {
    return "QnRtn="
        + code
        + switch (code) {
          case 1 -> " (ready)";
          case 2 -> " (rejected)";
          case 3 -> " (PW wrong)";
          case 4 -> " (MN wrong)";
          case 5 -> " (ST wrong)";
          case 6 -> " (Flag wrong)";
          case 7 -> " (QN wrong)";
          case 8 -> " (CN wrong)";
          case 9 -> " (CRC wrong)";
          default -> " (unknown)";
        };
  }

  /** ExeRtn in words. */
  static String exeRtn(int code) {
    return "ExeRtn="
        + code
        + switch (code) {
          case 1 -> " (success)";
          case 2 -> " (failed)";
          case 3 -> " (condition error)";
          case 4 -> " (communication timeout)";
          case 5 -> " (busy)";
          case 6 -> " (system fault)";
          case 100 -> " (no data)";
          default -> " (unknown)";
        };
  }

  private final class Exchange {
    final String qn;
    final int cn;
    final byte[] frame;
    final boolean waitForResult;
    final Sender sender;
    final CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();
    final StringBuilder data = new StringBuilder();
    int attempts;
    volatile boolean ready;
    ScheduledFuture<?> timeout;

    Exchange(String qn, int cn, byte[] frame, boolean waitForResult, Sender sender) {
      this.qn = qn;
      this.cn = cn;
      this.frame = frame;
      this.waitForResult = waitForResult;
      this.sender = sender;
    }

    synchronized void attempt() {
      if (outcome.isDone()) {
        return;
      }
      if (attempts > retries) {
        finish(
            null,
            new IOException(
                "no 9011 answer to CN="
                    + cn
                    + " within "
                    + timeoutMs
                    + " ms, "
                    + attempts
                    + " tries"));
        return;
      }
      attempts++;
      try {
        sender.send(frame);
      } catch (IOException e) {
        finish(null, e);
        return;
      }
      timeout = timer.schedule(this::attempt, timeoutMs, TimeUnit.MILLISECONDS);
    }

    synchronized void ready(int code) {
      if (outcome.isDone() || ready) {
        return;
      }
      cancelTimeout();
      if (code != 1) {
        finish(CommandOutcome.refused(qnRtn(code)), null);
      } else if (!waitForResult) {
        finish(CommandOutcome.accepted(qnRtn(code)), null);
      } else {
        ready = true;
        timeout = timer.schedule(this::noResult, timeoutMs, TimeUnit.MILLISECONDS);
      }
    }

    synchronized void noResult() {
      finish(CommandOutcome.refused("no 9012 result within " + timeoutMs + " ms" + detail()), null);
    }

    synchronized void executed(int code) {
      if (outcome.isDone()) {
        return;
      }
      String text = exeRtn(code) + detail();
      finish(code == 1 ? CommandOutcome.accepted(text) : CommandOutcome.refused(text), null);
    }

    synchronized void data(Hj212Packet packet) {
      for (int i = 0; i < packet.fieldCount(); i++) {
        data.append(data.length() == 0 ? "" : ";")
            .append(packet.name(i))
            .append('=')
            .append(packet.value(i));
      }
    }

    private String detail() {
      return data.length() == 0 ? "" : ": " + data;
    }

    private void cancelTimeout() {
      if (timeout != null) {
        timeout.cancel(false);
      }
    }

    void finish(CommandOutcome result, Throwable failure) {
      cancelTimeout();
      open.remove(qn);
      if (failure != null) {
        outcome.completeExceptionally(failure);
      } else {
        outcome.complete(result);
      }
    }
  }
}
