package org.snnspark.preprocess.testutil;

import java.io.StringWriter;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** What a class logs while this is open, one message a line. */
public final class LogLines implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
  private final LoggerConfig logger;
  private final WriterAppender appender;

  private LogLines(String name) {
    appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%m%n").build(), null, text,
        "log-lines-" + name, false, true);
    appender.start();
    logger = new LoggerConfig(name, Level.INFO, true);
    ctx.getConfiguration().addLogger(name, logger);
    logger.addAppender(appender, null, null);
    ctx.updateLoggers();
  }

  public static LogLines of(Class<?> type) {
    return new LogLines(type.getName());
  }

  public List<String> lines() {
    return text.toString().lines().toList();
  }

  @Override
  public void close() {
    ctx.getConfiguration().removeLogger(logger.getName());
    ctx.updateLoggers();
    appender.stop();
  }
}
