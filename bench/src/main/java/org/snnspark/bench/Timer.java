package org.snnspark.bench;

/**
 * Times a piece of work: warm-up runs first (JIT compilation, ND4J workspaces, caches), then
 * {@code repeats} timed runs, summarised by {@link Stats}. Work that is quicker than
 * {@code minRunSeconds} is called several times per run (the count fixed from the first warm-up
 * call) and each run reports the time per call, so timer resolution and one-off hiccups do not
 * dominate short operations.
 *
 * <p>Every call returns a number computed from its result (an element of an output, a score);
 * the numbers are summed into {@link #sink()}, so neither the JIT nor a lazy library can skip the work.
 */
public final class Timer {
  /** One call of the work; returns a value derived from its result. */
  @FunctionalInterface
  public interface Work {
    double call() throws Exception;
  }

  /** The timing of a piece of work: seconds per call, and how many calls each timed run made. */
  public record Timing(Stats seconds, int callsPerRun) {}

  private static volatile double sink;
  /**
   * What the bench warms up for at least, whatever the count: the JIT compiles a new code path (a
   * network with batch-norm and dropout after layers without) on the same two cores for a second
   * or more, and a timed run during that measures the compiler.
   */
  public static final double BENCH_WARMUP_SECONDS = 1.0;

  private final int warmup;
  private final int repeats;
  private final double minRunSeconds;
  private final double minWarmupSeconds;

  public Timer(int warmup, int repeats, double minRunSeconds) {
    this(warmup, repeats, minRunSeconds, 0);
  }

  /** As above; warm-up goes on past {@code warmup} rounds until it has lasted {@code minWarmupSeconds}. */
  public Timer(int warmup, int repeats, double minRunSeconds, double minWarmupSeconds) {
    if (warmup < 0 || repeats < 1 || !(minRunSeconds >= 0)) {
      throw new IllegalArgumentException("need warmup >= 0, repeats >= 1, minRunSeconds >= 0; got "
          + warmup + ", " + repeats + ", " + minRunSeconds);
    }
    this.warmup = warmup;
    this.repeats = repeats;
    this.minRunSeconds = minRunSeconds;
    this.minWarmupSeconds = minWarmupSeconds;
  }

  public int warmup() {
    return warmup;
  }

  public int repeats() {
    return repeats;
  }

  public double minRunSeconds() {
    return minRunSeconds;
  }

  /**
   * A timer that warms up for at least {@code rounds} calls and {@code seconds}: work that runs in
   * executor JVMs (Spark rounds) warms up their JIT too, which a cluster's fresh executors need
   * tens of rounds for.
   */
  public Timer warmingUpAtLeast(int rounds, double seconds) {
    return new Timer(Math.max(warmup, rounds), repeats, minRunSeconds, Math.max(minWarmupSeconds, seconds));
  }

  /** A timer with the same settings but at most {@code maxRepeats} timed runs (for minute-long work). */
  public Timer atMost(int maxRepeats) {
    return new Timer(warmup, Math.min(repeats, maxRepeats), minRunSeconds, minWarmupSeconds);
  }

  public Timing time(Work work) throws Exception {
    int calls = 1;
    long start = System.nanoTime();
    for (int w = 0; w < warmup || (warmup > 0 && warmingUp(start, w)); w++) {
      if (w == 0) {
        long t0 = System.nanoTime();
        consume(work.call());
        double first = (System.nanoTime() - t0) / 1e9;
        calls = callsPerRun(first, minRunSeconds);
      } else {
        for (int c = 0; c < calls; c++) {
          consume(work.call());
        }
      }
    }
    double[] perCall = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      for (int c = 0; c < calls; c++) {
        consume(work.call());
      }
      perCall[r] = (System.nanoTime() - t0) / 1e9 / calls;
    }
    return new Timing(Stats.of(perCall), calls);
  }

  /**
   * Times two pieces of work A/B interleaved (A, B, A, B, ... after warming both up), so a change in
   * the machine's load during the measurement hits both alike; each is called once per timed run.
   */
  public Timing[] timeInterleaved(Work a, Work b) throws Exception {
    return timeInterleaved(a, b, () -> { });
  }

  /**
   * {@link #timeInterleaved(Work, Work)} with {@code settle} run, untimed, before every call of
   * either: e.g. a garbage collection, so that neither pays for the other's garbage.
   */
  public Timing[] timeInterleaved(Work a, Work b, Runnable settle) throws Exception {
    long start = System.nanoTime();
    for (int w = 0; w < warmup || (warmup > 0 && warmingUp(start, w)); w++) {
      settle.run();
      consume(a.call());
      settle.run();
      consume(b.call());
    }
    double[] ta = new double[repeats];
    double[] tb = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      settle.run();
      long t0 = System.nanoTime();
      consume(a.call());
      long t1 = System.nanoTime();
      settle.run();
      long t2 = System.nanoTime();
      consume(b.call());
      long t3 = System.nanoTime();
      ta[r] = (t1 - t0) / 1e9;
      tb[r] = (t3 - t2) / 1e9;
    }
    return new Timing[] {new Timing(Stats.of(ta), 1), new Timing(Stats.of(tb), 1)};
  }

  /** True while warm-up has lasted less than its minimum time (and fewer than 100 rounds). */
  private boolean warmingUp(long startNanos, int rounds) {
    return rounds < 100 && (System.nanoTime() - startNanos) / 1e9 < minWarmupSeconds;
  }

  /** Calls per timed run so that a run lasts at least {@code minRunSeconds} (at most 1000). */
  static int callsPerRun(double firstCallSeconds, double minRunSeconds) {
    if (firstCallSeconds >= minRunSeconds) {
      return 1;
    }
    double calls = Math.ceil(minRunSeconds / Math.max(firstCallSeconds, 1e-6));
    return (int) Math.min(1000, Math.max(1, calls));
  }

  /** Keeps a result alive: the JIT cannot drop work whose result flows into a volatile field. */
  public static void consume(double value) {
    sink += value;
  }

  /** What all consumed values added up to (printed at the end of a run, so it is observable). */
  public static double sink() {
    return sink;
  }
}
