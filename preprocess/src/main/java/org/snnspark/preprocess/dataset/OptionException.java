package org.snnspark.preprocess.dataset;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A problem with the options a job was given. Its text marks every option it names as
 * {@code {key}} ({@code "{nSteps} must be >= 1, got 0"}): {@link #getMessage()} shows the keys as
 * they are (what presets, manifests and the Java API use), and a command line shows its own flags
 * with {@link #message(UnaryOperator)} ({@code "--n-steps must be >= 1, got 0"}).
 */
public class OptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final Pattern KEY = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final String template;

  public OptionException(String template) {
    this(template, null);
  }

  public OptionException(String template, Throwable cause) {
    super(render(template, UnaryOperator.identity()), cause);
    this.template = template;
  }

  /** Throws an OptionException with {@code template} unless {@code ok}: a config's range check. */
  public static void require(boolean ok, String template) {
    if (!ok) {
      throw new OptionException(template);
    }
  }

  /** The message with each marked option named by {@code optionName} (given the key). */
  public String message(UnaryOperator<String> optionName) {
    return render(template, optionName);
  }

  private static String render(String template, UnaryOperator<String> optionName) {
    Matcher m = KEY.matcher(template);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(optionName.apply(m.group(1))));
    }
    m.appendTail(b);
    return b.toString();
  }
}
