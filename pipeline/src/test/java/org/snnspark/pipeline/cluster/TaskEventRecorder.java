package org.snnspark.pipeline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Observes a driver from the outside: a {@link SparkListener} (enable it with
 * {@code spark.extraListeners}) that appends one line per scheduler event to
 * {@code <spark.snnspark.test.eventsDir>/<appId>.events}, flushed at once so a test can follow a
 * running job. It changes nothing in the job; it only needs its own class on the driver's class path.
 *
 * <p>A line is tab-separated {@code key=value} pairs, always with {@code event} and {@code t}
 * (milliseconds since the epoch); {@link #read} parses a file back.
 */
public final class TaskEventRecorder extends SparkListener {
  public static final String DIR_KEY = "spark.snnspark.test.eventsDir";

  private final Writer out;
  private final Map<Integer, String> stageNames = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> stageJobs = new ConcurrentHashMap<>();

  public TaskEventRecorder(SparkConf conf) {
    Path dir = Path.of(conf.get(DIR_KEY));
    String app = conf.get("spark.app.id", "app-unknown-" + System.currentTimeMillis());
    try {
      Files.createDirectories(dir);
      out = Files.newBufferedWriter(dir.resolve(app + ".events"), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void write(String event, Object... kv) {
    StringBuilder b = new StringBuilder("event=").append(event)
        .append("\tt=").append(System.currentTimeMillis());
    for (int i = 0; i + 1 < kv.length; i += 2) {
      b.append('\t').append(kv[i]).append('=')
          .append(String.valueOf(kv[i + 1]).replaceAll("[\\t\\r\\n]+", " "));
    }
    try {
      out.write(b.append('\n').toString());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onApplicationStart(SparkListenerApplicationStart e) {
    write("appStart", "app", e.appId().getOrElse(() -> "?"), "name", e.appName());
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded e) {
    write("executorAdded", "executor", e.executorId(), "host", e.executorInfo().executorHost());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
    write("executorRemoved", "executor", e.executorId(), "reason", e.reason());
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    List<Integer> ids = new ArrayList<>();
    int result = -1;
    scala.collection.Iterator<StageInfo> it = e.stageInfos().iterator();
    while (it.hasNext()) {
      StageInfo s = it.next();
      ids.add(s.stageId());
      stageJobs.put(s.stageId(), e.jobId());
      stageNames.putIfAbsent(s.stageId(), s.name());
      result = Math.max(result, s.stageId()); // the result stage is created after its parents
    }
    write("jobStart", "job", e.jobId(), "resultStage", result, "name", stageNames.get(result),
        "stages", ids, "group", e.properties() == null ? null : e.properties().getProperty("spark.jobGroup.id"));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd e) {
    write("jobEnd", "job", e.jobId(), "result", e.jobResult().getClass().getSimpleName());
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    StageInfo s = e.stageInfo();
    stageNames.put(s.stageId(), s.name());
    write("stageSubmitted", "stage", s.stageId(), "stageAttempt", s.attemptNumber(),
        "job", stageJobs.get(s.stageId()), "tasks", s.numTasks(), "name", s.name());
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart e) {
    TaskInfo t = e.taskInfo();
    write("taskStart", "stage", e.stageId(), "stageAttempt", e.stageAttemptId(),
        "job", stageJobs.get(e.stageId()), "name", stageNames.get(e.stageId()),
        "partition", t.partitionId(), "attempt", t.attemptNumber(), "tid", t.taskId(),
        "executor", t.executorId());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    TaskInfo t = e.taskInfo();
    TaskEndReason r = e.reason();
    String reason = r.getClass().getSimpleName().replace("$", "");
    String detail = r instanceof TaskFailedReason f ? f.toErrorString().lines().findFirst().orElse("") : "";
    write("taskEnd", "stage", e.stageId(), "stageAttempt", e.stageAttemptId(),
        "job", stageJobs.get(e.stageId()), "name", stageNames.get(e.stageId()),
        "type", e.taskType(), "partition", t.partitionId(), "attempt", t.attemptNumber(),
        "tid", t.taskId(), "executor", t.executorId(), "successful", t.successful(),
        "reason", reason, "detail", detail, "ms", t.duration());
  }

  /** The events of one file, each a map of its fields, in the order they happened. */
  public static List<Map<String, String>> read(Path file) {
    List<Map<String, String>> events = new ArrayList<>();
    if (!Files.exists(file)) {
      return events;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      text = text.substring(0, text.lastIndexOf('\n') + 1); // complete lines only: it may be growing
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String field : line.split("\t")) {
          int eq = field.indexOf('=');
          if (eq > 0) {
            m.put(field.substring(0, eq), field.substring(eq + 1));
          }
        }
        events.add(m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  /**
   * A directory holding only this listener's classes, for a driver's class path
   * ({@code spark.driver.extraClassPath}): the application's classes still come from its jar.
   */
  static Path classesOnly(Path dir) {
    try {
      Path classes = Path.of(TaskEventRecorder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String pkg = TaskEventRecorder.class.getPackageName().replace('.', '/');
      Path target = Files.createDirectories(dir.resolve("listener-classes").resolve(pkg));
      try (Stream<Path> s = Files.list(classes.resolve(pkg))) {
        for (Path c : s.filter(p -> p.getFileName().toString().startsWith("TaskEventRecorder")).toList()) {
          Files.copy(c, target.resolve(c.getFileName()));
        }
      }
      return dir.resolve("listener-classes");
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
