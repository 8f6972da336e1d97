package org.snnspark.pipeline.cli;

/**
 * A subcommand of {@link SnnSpark} that lives in a module built on top of this one (the bench):
 * pipeline cannot name it without depending on that module, so {@link SnnSpark} finds it with
 * {@link java.util.ServiceLoader} when that module's jar is on the class path. An implementation is
 * a picocli {@code @Command} with a public no-argument constructor, listed in its jar's
 * {@code META-INF/services/org.snnspark.pipeline.cli.PluginSubcommand}.
 */
public interface PluginSubcommand {}
