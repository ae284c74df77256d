package io.helan.simulator.hj212;

import io.helan.config.Device;
import io.helan.config.Hj212Connection;
import io.helan.config.Point;
import io.helan.simulator.FieldSimulator;
import io.helan.simulator.FieldTicker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HJ 212 data logger of a pollution source (a flue-gas CEMS or a wastewater outlet): it dials
 * in to the platform, uploads real-time data (2011) every interval and minute (2051) and hourly
 * (2061) data at the end of each period, all asking for a 9014 answer, and answers the platform's
 * requests with the 9011/9012 handshake: calibration (3011), sampling (3012), sample retention
 * (3015), clock (1011/1012), settings (1000, 1062, 1064) and history (2051/2061 with BeginTime and
 * EndTime). It obeys the settings: an upload without its 9014 answer within OverTime is sent again,
 * up to ReCount times (1000); real-time data go every RtdInterval seconds (1062) and minute data
 * cover MinInterval minutes (1064). Each real-time upload's DataTime is the time its measurement
 * was due on the logger's clock (a multiple of the interval), later than the one before.
 *
 * <p>A zero calibration is real: for its duration the pollutant reads its zero gas with flag C,
 * then the analyser's drift is gone, so readings afterwards are lower than before. {@link #stop}
 * takes the logger offline (its connection closes and it stops dialing) while it goes on measuring
 * and keeping minute and hourly records, which the platform can fetch once it is back.
 */
public final class Hj212Logger implements FieldSimulator {
  private static final Logger LOG = LoggerFactory.getLogger(Hj212Logger.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

  /** Reference O2 of a coal-fired boiler (GB 13271), for the converted values ZsRtd/ZsAvg. */
  private static final double REFERENCE_OXYGEN = 9.0;

  private static final int HISTORY_RECORDS = 3000;
  private static final String OXYGEN = "a19001";
  private static final Set<String> FLOWS = Set.of("a00000", "w00000");

  /**
   * How often the logger uploads and how long its periods last: the standard's 30 s, minute and
   * hour, shorter in tests. Real-time data go in whole seconds, at least one: DataTime has whole
   * seconds, so uploads closer together could not be told apart.
   */
  public record Timing(Duration realTime, Duration minute, Duration hour, Duration calibration) {
    public Timing {
      if (realTime.toMillis() < 1000 || realTime.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException(
            "the real-time interval must be whole seconds, at least 1, not " + realTime);
      }
    }

    public static final Timing STANDARD =
        new Timing(
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            Duration.ofSeconds(60));
  }

  private final Device device;
  private final Hj212Connection connection;
  private final int st;
  private final ZoneOffset zone;
  private final EmissionModel model;
  private final Period minute;
  private final Period hour;
  private final Map<String, Long> calibratingUntil = new ConcurrentHashMap<>();
  private final AtomicLong lastQn = new AtomicLong();
  private final AtomicLong uploads = new AtomicLong();
  private final AtomicLong answers = new AtomicLong();
  private final AtomicLong resends = new AtomicLong();
  private final Map<String, String> unanswered = new ConcurrentHashMap<>();
  private volatile long overTimeMillis;
  private volatile int reCount;
  private volatile Timing timing;
  private volatile InetSocketAddress platform;
  private volatile boolean online;
  private volatile long clockOffsetMillis;
  private volatile long lastTickMillis;

  /** The DataTime (logger clock, epoch ms) of the last real-time tick; each tick's is later. */
  private volatile long lastDataTime;

  private volatile LongConsumer realTimeListener = dataTime -> {};
  private ScheduledFuture<?> ticks;
  private Thread dialer;
  private Socket socket;
  private OutputStream out;

  /** A logger of the device's type with the standard timing. */
  public Hj212Logger(Device device) {
    this(device, Timing.STANDARD);
  }

  public Hj212Logger(Device device, Timing timing) {
    this.device = device;
    this.connection = (Hj212Connection) device.connection();
    this.timing = timing;
    this.zone = ZoneOffset.ofTotalSeconds(connection.utcOffsetMinutes() * 60);
    this.overTimeMillis = connection.timeoutMs();
    this.reCount = connection.retries();
    Set<String> codes = new LinkedHashSet<>();
    for (Point point : device.points()) {
      String field = point.address().substring(point.address().indexOf(':') + 1);
      codes.add(field.contains("-") ? field.substring(0, field.indexOf('-')) : field);
    }
    this.st = codes.stream().anyMatch(code -> code.startsWith("w")) ? 32 : 31;
    this.model = new EmissionModel(List.copyOf(codes), device.id().hashCode());
    this.minute = new Period(2051);
    this.hour = new Period(2061);
  }

  @Override
  public Device device() {
    return device;
  }

  /** Where the platform listens; the logger dials there once started. */
  public void dialTo(InetSocketAddress platform) {
    this.platform = platform;
  }

  /** Uploads sent so far (2011, 2051, 2061). */
  public long uploads() {
    return uploads.get();
  }

  /**
   * Tells {@code listener} the DataTime (epoch ms) of each real-time upload (2011) sent from now
   * on, not of the same upload sent again for want of an answer. Called on the ticking thread.
   */
  public void onRealTimeUpload(LongConsumer listener) {
    realTimeListener = listener;
  }

  /** 9014 answers received so far. */
  public long answersReceived() {
    return answers.get();
  }

  /** Uploads sent again because their 9014 answer did not come within OverTime. */
  public long resends() {
    return resends.get();
  }

  /** How often it uploads and how long its periods are, as last set (1062, 1064). */
  public Timing timing() {
    return timing;
  }

  /** How long it waits for each answer before it resends (OverTime, set by 1000). */
  public Duration overTime() {
    return Duration.ofMillis(overTimeMillis);
  }

  /** How often it resends an unanswered upload (ReCount, set by 1000). */
  public int reCount() {
    return reCount;
  }

  /** Whether the logger has a connection to the platform now. */
  public synchronized boolean isConnected() {
    return socket != null;
  }

  /**
   * The starts of the minute periods the logger has on record (it keeps them while offline), as
   * DataTime stamps them: a period in which the logger took no reading (a stalled clock) has none.
   */
  public List<Instant> minuteRecords() {
    return minute.recordStarts();
  }

  /** The drift of a pollutant's analyser now, which a calibration resets to 0. */
  public double drift(String code) {
    return model.drift(code);
  }

  /** Starts measuring (once) and dialing the platform. */
  @Override
  public synchronized void start() {
    if (ticks == null) {
      lastTickMillis = System.currentTimeMillis();
      lastDataTime = now().toEpochMilli();
      // the logger measured before the simulation began: its last minute and hour are on record
      Map<String, Double> values = new LinkedHashMap<>();
      model
          .codes()
          .forEach(code -> values.put(code, model.reading(code, now().getEpochSecond(), 0, false)));
      minute.seed(now(), values);
      hour.seed(now(), values);
      schedule();
    }
    if (online) {
      return;
    }
    online = true;
    dialer = new Thread(this::dial, "hj212-logger-" + connection.stationCode());
    dialer.setDaemon(true);
    dialer.start();
  }

  /**
   * Ticks on the logger's clock at the whole multiples of the real-time interval (:00 and :30 for
   * 30 s), from the next one. Each tick carries its own time: a tick that runs late (a busy
   * machine) still stamps the time it was due, never the one of the next.
   */
  private synchronized void schedule() {
    if (ticks != null) {
      ticks.cancel(false);
    }
    long interval = timing.realTime().toMillis();
    long now = now().toEpochMilli();
    long first = (Math.floorDiv(now, interval) + 1) * interval;
    long[] due = {first};
    ticks =
        FieldTicker.shared()
            .scheduleAtFixedRate(
                () -> {
                  tick(due[0]);
                  due[0] += interval;
                },
                first - now,
                interval,
                TimeUnit.MILLISECONDS);
  }

  /** Goes offline: the connection closes and the logger stops dialing, but it goes on measuring. */
  @Override
  public void stop() {
    Thread previous;
    synchronized (this) {
      online = false;
      previous = dialer;
      dialer = null;
      disconnect();
    }
    if (previous != null) {
      previous.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return online;
  }

  @Override
  public void close() {
    stop();
    synchronized (this) {
      if (ticks != null) {
        ticks.cancel(false);
      }
    }
  }

  // --- the connection ----------------------------------------------------------------------

  private void dial() {
    while (online) {
      InetSocketAddress target = platform;
      if (target != null) {
        try (Socket s = new Socket()) {
          s.connect(target, 2000);
          BufferedReader in =
              new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          synchronized (this) {
            if (!online) {
              return;
            }
            socket = s;
            out = s.getOutputStream();
          }
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            Hj212Wire.segmentOf(line).ifPresent(this::onRequest);
          }
        } catch (IOException e) {
          LOG.debug("logger {}: {}", connection.stationCode(), e.getMessage());
        } finally {
          synchronized (this) {
            disconnect();
          }
        }
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
      out = null;
    }
  }

  private synchronized boolean send(String segment) {
    if (out == null) {
      return false;
    }
    try {
      out.write(Hj212Wire.frame(segment));
      out.flush();
      return true;
    } catch (IOException e) {
      disconnect();
      return false;
    }
  }

  private String segment(String qn, int system, int cn, int flag, String data) {
    return "QN="
        + qn
        + ";ST="
        + system
        + ";CN="
        + cn
        + ";PW="
        + connection.password()
        + ";MN="
        + connection.stationCode()
        + ";Flag="
        + flag
        + ";CP=&&"
        + data
        + "&&";
  }

  /**
   * An upload or a data packet of its own QN, asking for an answer (Flag=5); sent again while no
   * answer comes within OverTime, up to ReCount times.
   */
  private boolean upload(int cn, String data) {
    String qn = nextQn();
    String segment = segment(qn, st, cn, 5, data);
    unanswered.put(qn, segment);
    boolean sent = send(segment);
    if (sent) {
      uploads.incrementAndGet();
      resendUnanswered(qn, reCount);
    } else {
      unanswered.remove(qn);
    }
    return sent;
  }

  private void resendUnanswered(String qn, int triesLeft) {
    FieldTicker.shared()
        .schedule(
            () -> {
              String segment = unanswered.get(qn);
              if (segment == null) {
                return;
              }
              if (triesLeft <= 0 || !send(segment)) {
                unanswered.remove(qn);
                return;
              }
              resends.incrementAndGet();
              resendUnanswered(qn, triesLeft - 1);
            },
            overTimeMillis,
            TimeUnit.MILLISECONDS);
  }

  private void answer(String qn, int cn, String data) {
    send(segment(qn, 91, cn, 4, data));
  }

  private String nextQn() {
    long now = now().toEpochMilli();
    long millis = lastQn.updateAndGet(last -> Math.max(now, last + 1));
    return QN.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone));
  }

  private Instant now() {
    return Instant.now().plusMillis(clockOffsetMillis);
  }

  private String time(Instant instant) {
    return TIME.format(LocalDateTime.ofInstant(instant, zone));
  }

  private Instant parseTime(String text) {
    return LocalDateTime.parse(text, TIME).toInstant(zone);
  }

  // --- measuring ---------------------------------------------------------------------------

  /**
   * Measures and uploads the real-time data of {@code dataTime} (logger clock, epoch ms), unless a
   * tick already stamped it or a later time (the clock was set back): a time is uploaded once.
   */
  private void tick(long dataTime) {
    if (dataTime <= lastDataTime) {
      return;
    }
    lastDataTime = dataTime;
    try {
      long nowMillis = System.currentTimeMillis();
      double elapsed = (nowMillis - lastTickMillis) / 1000.0;
      lastTickMillis = nowMillis;
      Instant now = Instant.ofEpochMilli(dataTime);
      Map<String, Double> values = new LinkedHashMap<>();
      for (String code : model.codes()) {
        values.put(
            code,
            model.reading(code, now.getEpochSecond(), elapsed, isCalibrating(code, nowMillis)));
      }
      StringBuilder data = new StringBuilder("DataTime=").append(time(now));
      Double oxygen = values.get(OXYGEN);
      for (Map.Entry<String, Double> value : values.entrySet()) {
        String code = value.getKey();
        data.append(';').append(code).append("-Rtd=").append(value.getValue());
        if (oxygen != null && EmissionModel.CONVERTED.contains(code)) {
          data.append(',')
              .append(code)
              .append("-ZsRtd=")
              .append(EmissionModel.converted(value.getValue(), oxygen, REFERENCE_OXYGEN));
        }
        data.append(',').append(code).append("-Flag=").append(flag(code, nowMillis));
      }
      if (upload(2011, data.toString())) {
        realTimeListener.accept(dataTime);
      }
      minute.add(now, values, nowMillis);
      hour.add(now, values, nowMillis);
    } catch (RuntimeException e) {
      LOG.error("logger {} tick failed", connection.stationCode(), e);
    }
  }

  private boolean isCalibrating(String code, long nowMillis) {
    Long until = calibratingUntil.get(code);
    return until != null && until > nowMillis;
  }

  private char flag(String code, long nowMillis) {
    return isCalibrating(code, nowMillis) ? 'C' : 'N';
  }

  /** A minute or an hour: collects the real-time values of the period, records it when over. */
  private final class Period {
    private final int cn;
    private final NavigableMap<Long, String> history = new TreeMap<>();
    private final Map<String, double[]> stats = new LinkedHashMap<>();
    private long start = Long.MIN_VALUE;

    Period(int cn) {
      this.cn = cn;
    }

    private long length() {
      return (cn == 2051 ? timing.minute() : timing.hour()).toMillis();
    }

    /**
     * Records the period before the one of {@code now} from one set of values, uploading nothing.
     */
    synchronized void seed(Instant now, Map<String, Double> values) {
      start = Math.floorDiv(now.toEpochMilli(), length()) * length() - length();
      add(Instant.ofEpochMilli(start), values, 0, false);
      history.put(start, record());
      stats.clear();
      start = Long.MIN_VALUE;
    }

    synchronized void add(Instant now, Map<String, Double> values, long nowMillis) {
      add(now, values, nowMillis, true);
    }

    private void add(Instant now, Map<String, Double> values, long nowMillis, boolean upload) {
      long periodStart = Math.floorDiv(now.toEpochMilli(), length()) * length();
      if (start != Long.MIN_VALUE && periodStart != start) {
        String record = record();
        history.put(start, record);
        while (history.size() > HISTORY_RECORDS) {
          history.pollFirstEntry();
        }
        stats.clear();
        if (upload) {
          upload(cn, record);
        }
      }
      start = periodStart;
      for (Map.Entry<String, Double> value : values.entrySet()) {
        // min, max, sum, count, count of N
        double[] s =
            stats.computeIfAbsent(
                value.getKey(), c -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, 0, 0, 0});
        double v = value.getValue();
        s[0] = Math.min(s[0], v);
        s[1] = Math.max(s[1], v);
        s[2] += v;
        s[3]++;
        s[4] += flag(value.getKey(), nowMillis) == 'N' ? 1 : 0;
      }
    }

    private String record() {
      StringBuilder data = new StringBuilder("DataTime=").append(time(Instant.ofEpochMilli(start)));
      double[] oxygen = stats.get(OXYGEN);
      for (Map.Entry<String, double[]> entry : stats.entrySet()) {
        String code = entry.getKey();
        double[] s = entry.getValue();
        double avg = EmissionModel.round(s[2] / s[3]);
        data.append(';')
            .append(code)
            .append("-Min=")
            .append(s[0])
            .append(',')
            .append(code)
            .append("-Avg=")
            .append(avg)
            .append(',')
            .append(code)
            .append("-Max=")
            .append(s[1]);
        if (oxygen != null && EmissionModel.CONVERTED.contains(code)) {
          data.append(',')
              .append(code)
              .append("-ZsAvg=")
              .append(EmissionModel.converted(avg, oxygen[2] / oxygen[3], REFERENCE_OXYGEN));
        }
        if (FLOWS.contains(code)) {
          data.append(',')
              .append(code)
              .append("-Cou=")
              .append(EmissionModel.round(avg * length() / 1000.0));
        }
        // an aggregate is N only if at least 75 % of its inputs are
        data.append(',').append(code).append("-Flag=").append(s[4] >= 0.75 * s[3] ? 'N' : 'C');
      }
      return data.toString();
    }

    synchronized List<Instant> recordStarts() {
      return history.keySet().stream().map(start -> Instant.ofEpochMilli(start)).toList();
    }

    /** Sends the records that began within [begin, end] again, as data packets. */
    void resend(Instant begin, Instant end) {
      List<String> records;
      synchronized (this) {
        records =
            new ArrayList<>(
                history.subMap(begin.toEpochMilli(), true, end.toEpochMilli(), true).values());
      }
      records.forEach(record -> upload(cn, record));
    }
  }

  // --- the platform's requests -------------------------------------------------------------

  private void onRequest(String segment) {
    Map<String, String> fields = Hj212Wire.fields(segment);
    String qn = fields.getOrDefault("QN", "");
    int cn;
    try {
      cn = Integer.parseInt(fields.getOrDefault("CN", ""));
    } catch (NumberFormatException e) {
      return;
    }
    if (cn == 9014 || cn == 9013) {
      answers.incrementAndGet();
      unanswered.remove(qn);
      return;
    }
    if (!connection.password().equals(fields.get("PW"))) {
      answer(qn, 9011, "QnRtn=3");
      return;
    }
    try {
      execute(qn, cn, fields);
    } catch (RuntimeException e) {
      LOG.warn("logger {}: CN={} failed: {}", connection.stationCode(), cn, e.getMessage());
      answer(qn, 9012, "ExeRtn=2");
    }
  }

  private void execute(String qn, int cn, Map<String, String> fields) {
    switch (cn) {
      case 3011 -> {
        answer(qn, 9011, "QnRtn=1");
        calibrate(qn, fields.get("PolId"));
      }
      case 3012, 2011, 2012 -> {
        answer(qn, 9011, "QnRtn=1");
        answer(qn, 9012, "ExeRtn=1");
      }
      case 3015 -> {
        answer(qn, 9011, "QnRtn=1");
        upload(3015, "DataTime=" + time(now()) + ";VaseNo=1");
        answer(qn, 9012, "ExeRtn=1");
      }
      case 1011 -> {
        answer(qn, 9011, "QnRtn=1");
        upload(1011, "SystemTime=" + time(now()));
        answer(qn, 9012, "ExeRtn=1");
      }
      case 1012 -> {
        answer(qn, 9011, "QnRtn=1");
        clockOffsetMillis =
            parseTime(fields.get("SystemTime")).toEpochMilli() - System.currentTimeMillis();
        schedule();
        answer(qn, 9012, "ExeRtn=1");
      }
      case 1000 -> {
        int overTime = Integer.parseInt(fields.get("OverTime"));
        int count = Integer.parseInt(fields.get("ReCount"));
        if (overTime < 1 || count < 0) {
          answer(qn, 9011, "QnRtn=2");
          return;
        }
        answer(qn, 9011, "QnRtn=1");
        overTimeMillis = overTime * 1000L;
        reCount = count;
        answer(qn, 9012, "ExeRtn=1");
      }
      case 1062 -> {
        int seconds = Integer.parseInt(fields.get("RtdInterval"));
        if (seconds < 1) {
          answer(qn, 9011, "QnRtn=2");
          return;
        }
        answer(qn, 9011, "QnRtn=1");
        Timing t = timing;
        timing = new Timing(Duration.ofSeconds(seconds), t.minute(), t.hour(), t.calibration());
        schedule();
        answer(qn, 9012, "ExeRtn=1");
      }
      case 1064 -> {
        int minutes = Integer.parseInt(fields.get("MinInterval"));
        if (minutes < 1 || 60 % minutes != 0) {
          answer(qn, 9011, "QnRtn=2");
          return;
        }
        answer(qn, 9011, "QnRtn=1");
        Timing t = timing;
        timing = new Timing(t.realTime(), Duration.ofMinutes(minutes), t.hour(), t.calibration());
        answer(qn, 9012, "ExeRtn=1");
      }
      case 2051, 2061 -> {
        answer(qn, 9011, "QnRtn=1");
        (cn == 2051 ? minute : hour)
            .resend(parseTime(fields.get("BeginTime")), parseTime(fields.get("EndTime")));
        answer(qn, 9012, "ExeRtn=1");
      }
      default -> answer(qn, 9011, "QnRtn=8");
    }
  }

  /** Calibrates one pollutant (or all without PolId): zero gas and flag C, then no drift. */
  private void calibrate(String qn, String pollutant) {
    List<String> codes = new ArrayList<>();
    model
        .codes()
        .forEach(
            code -> {
              if (pollutant == null || pollutant.equals(code)) {
                codes.add(code);
              }
            });
    if (codes.isEmpty()) {
      answer(qn, 9012, "ExeRtn=3");
      return;
    }
    long until = System.currentTimeMillis() + timing.calibration().toMillis();
    codes.forEach(code -> calibratingUntil.put(code, until));
    FieldTicker.shared()
        .schedule(
            () -> {
              codes.forEach(model::calibrate);
              codes.forEach(calibratingUntil::remove);
              answer(qn, 9012, "ExeRtn=1");
            },
            timing.calibration().toMillis(),
            TimeUnit.MILLISECONDS);
  }
}
