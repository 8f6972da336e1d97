package org.snnspark.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No two packages of a module's main code depend on each other, directly or through others: a
 * package can then be read, tested and moved after the ones it uses. Dependencies are the
 * {@code import org.snnspark...} lines and fully qualified {@code org.snnspark...} names in code
 * (comments and strings left out). Maven already keeps the modules themselves acyclic, so each
 * module is checked on its own.
 * <p>
 * Test code is checked as a graph of its own: a test may use any main package (main code never
 * uses tests, so that adds no cycle), but the test classes' uses of each other, shared helpers
 * ({@code testutil}) above all, must form no cycle either.
 */
class PackageCyclesTest {
  private static final Pattern PACKAGE = Pattern.compile("^package ([a-z0-9_.]+);", Pattern.MULTILINE);
  /** A reference to a project class: the package is everything before the first capitalised name. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.snnspark(?:\\.[a-z0-9_]+)+)\\.([A-Z]\\w*)");
  private static final Pattern COMMENT_OR_STRING =
      Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);

  @ParameterizedTest
  @ValueSource(strings = {"models", "preprocess", "pipeline", "bench"})
  void packagesFormNoCycle(String module) {
    Path sources = repositoryRoot().resolve(module).resolve("src/main/java");
    assertTrue(Files.isDirectory(sources), sources + " is not a directory");
    Map<String, Map<String, String>> graph = dependencies(sources, referenced -> true);
    List<String> cycles = cycles(graph);
    if (!cycles.isEmpty()) {
      fail(module + " has package cycles:\n  " + String.join("\n  ", cycles));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"models", "preprocess", "pipeline", "bench"})
  void testPackagesFormNoCycleThroughTestClasses(String module) {
    Path sources = repositoryRoot().resolve(module).resolve("src/test/java");
    assertTrue(Files.isDirectory(sources), sources + " is not a directory");
    Set<String> testClasses = classes(sources);
    Map<String, Map<String, String>> graph = dependencies(sources, testClasses::contains);
    List<String> cycles = cycles(graph);
    if (!cycles.isEmpty()) {
      fail(module + " (test code) has package cycles:\n  " + String.join("\n  ", cycles));
    }
  }

  /** The classes of the source files under {@code sources}, by qualified name (one top-level class a file). */
  private static Set<String> classes(Path sources) {
    Set<String> out = new HashSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> out.add(
          sources.relativize(p).toString().replace(java.io.File.separatorChar, '.').replaceFirst("\\.java$", "")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    // surefire runs in the module directory; an IDE may run in the repository root
    return Files.isDirectory(dir.resolve("models")) ? dir : dir.getParent();
  }

  /**
   * Package -> (package it uses -> the first source file seen using it, for the message), counting
   * the uses of the classes (qualified names) that {@code counts} accepts.
   */
  private static Map<String, Map<String, String>> dependencies(Path sources, Predicate<String> counts) {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String code = COMMENT_OR_STRING.matcher(Files.readString(file)).replaceAll(" ");
        Matcher p = PACKAGE.matcher(code);
        if (!p.find()) {
          continue;
        }
        String from = p.group(1);
        Map<String, String> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
        Matcher r = REFERENCE.matcher(code);
        while (r.find()) {
          String to = r.group(1);
          if (!to.equals(from) && counts.test(to + "." + r.group(2))) {
            uses.putIfAbsent(to, sources.relativize(file).toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  /** One cycle per strongly connected component of more than one package, written out edge by edge. */
  private static List<String> cycles(Map<String, Map<String, String>> graph) {
    List<String> out = new ArrayList<>();
    for (List<String> component : new Tarjan(graph).components) {
      if (component.size() > 1) {
        out.add(describe(shortestCycle(graph, component), graph));
      }
    }
    return out;
  }

  private static List<String> shortestCycle(Map<String, Map<String, String>> graph, List<String> component) {
    String start = new TreeSet<>(component).first();
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (String next : graph.getOrDefault(at, Map.of()).keySet()) {
        if (next.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String p = at; !p.equals(start); p = parent.get(p)) {
            path.add(1, p);
          }
          path.add(start);
          return path;
        }
        if (component.contains(next) && !parent.containsKey(next)) {
          parent.put(next, at);
          queue.add(next);
        }
      }
    }
    throw new IllegalStateException("no cycle through " + start);
  }

  private static String describe(List<String> cycle, Map<String, Map<String, String>> graph) {
    StringBuilder sb = new StringBuilder(String.join(" -> ", cycle)).append(" (");
    for (int i = 0; i + 1 < cycle.size(); i++) {
      sb.append(i > 0 ? "; " : "").append(graph.get(cycle.get(i)).get(cycle.get(i + 1)))
          .append(" uses ").append(cycle.get(i + 1));
    }
    return sb.append(')').toString();
  }

  /** Tarjan's strongly connected components. */
  private static final class Tarjan {
    final List<List<String>> components = new ArrayList<>();
    private final Map<String, Map<String, String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private int next;

    Tarjan(Map<String, Map<String, String>> graph) {
      this.graph = graph;
      for (String v : graph.keySet()) {
        if (!index.containsKey(v)) {
          visit(v);
        }
      }
    }

    private void visit(String v) {
      index.put(v, next);
      low.put(v, next++);
      stack.push(v);
      for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (stack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> component = new ArrayList<>();
        String w;
        do {
          w = stack.pop();
          component.add(w);
        } while (!w.equals(v));
        components.add(component);
      }
    }
  }
}
