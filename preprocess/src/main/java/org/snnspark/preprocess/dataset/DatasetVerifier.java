package org.snnspark.preprocess.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a dataset directory against its manifest: every listed shard exists with the recorded
 * size, SHA-256 and row count (from the Parquet footer) and has the columns of its kind (spike
 * frames or features); per-split row counts add up; no unlisted Parquet file sits in a split
 * directory. Reads through Hadoop's FileSystem, on the calling JVM (it streams each shard once).
 */
public final class DatasetVerifier {
  private DatasetVerifier() {}

  /** What {@link #verify} found. */
  public record Report(String datasetDir, int shardsChecked, long rows, long bytes, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }

    @Override
    public String toString() {
      return ok()
          ? datasetDir + ": OK (" + shardsChecked + " shards, " + rows + " rows, " + bytes + " bytes)"
          : datasetDir + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems);
    }
  }

  /**
   * What one listing per split directory shows of a dataset: the problems with the shards the
   * manifest lists (missing, or not of the recorded size) and the files there it does not list
   * (what a killed or concurrent job left: never read, only reported).
   */
  public record ShardListing(List<String> problems, List<String> unlisted) {}

  /**
   * The cheap part of {@link #verify}: every shard the manifest lists exists with the recorded
   * size, from one listing per split directory (no file is read). Catches what a copy or a job
   * stopped half way leaves.
   */
  public static ShardListing listShards(Configuration conf, String datasetDir, DatasetManifest m) {
    Path root = new Path(datasetDir);
    Map<String, Long> sizes = new HashMap<>();
    List<String> problems = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      Set<String> dirs = new java.util.TreeSet<>();
      m.getShards().forEach(s -> dirs.add(s.path.substring(0, Math.max(0, s.path.lastIndexOf('/')))));
      for (String d : dirs) {
        try {
          for (FileStatus st : fs.listStatus(d.isEmpty() ? root : new Path(root, d))) {
            sizes.put((d.isEmpty() ? "" : d + "/") + st.getPath().getName(), st.getLen());
          }
        } catch (FileNotFoundException e) {
          problems.add(d + "/ missing");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + datasetDir + ": " + e.getMessage(), e);
    }
    for (DatasetManifest.Shard s : m.getShards()) {
      Long size = sizes.remove(s.path);
      if (size == null) {
        problems.add(s.path + " missing");
      } else if (size != s.sizeBytes) {
        problems.add(s.path + " has " + size + " bytes, the manifest says " + s.sizeBytes);
      }
    }
    List<String> unlisted = new ArrayList<>(new java.util.TreeSet<>(sizes.keySet()));
    return new ShardListing(problems, unlisted);
  }

  /**
   * Verifies {@code datasetDir}. Problems are collected, not thrown, so one run lists them all;
   * a missing or unreadable manifest is itself a problem.
   */
  public static Report verify(Configuration conf, String datasetDir) {
    List<String> problems = new ArrayList<>();
    DatasetManifest m;
    try {
      m = DatasetManifest.read(conf, datasetDir);
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
      return new Report(datasetDir, 0, 0, 0, problems);
    }
    Path dir = new Path(datasetDir);
    FileSystem fs;
    try {
      fs = dir.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot access " + datasetDir + ": " + e.getMessage(), e);
    }
    StructType expected = DatasetManifest.KIND_FEATURES.equals(m.getKind()) ? FeatureSchema.SCHEMA
        : FrameSchema.schema("EVENTS".equals(m.getMode()));
    Map<String, Long> rowsBySplit = new LinkedHashMap<>();
    Set<String> listed = new HashSet<>();
    long rows = 0;
    long bytes = 0;
    int checked = 0;
    for (DatasetManifest.Shard s : m.getShards()) {
      listed.add(s.path);
      long size = checkShard(conf, fs, new Path(dir, s.path), s, expected, problems);
      if (size >= 0) {
        checked++;
        bytes += size;
      }
      rowsBySplit.merge(s.split, s.rows, Long::sum);
      rows += s.rows;
    }
    checkSplitCounts(m.getSplitCounts(), rowsBySplit, problems);
    checkNothingUnlisted(fs, datasetDir, listed, problems);
    return new Report(datasetDir, checked, rows, bytes, problems); // the caller says it, once
  }

  /**
   * Checks one shard's size, SHA-256, row count and columns against the manifest; returns its size,
   * or -1 when it could not be read to the end.
   */
  private static long checkShard(Configuration conf, FileSystem fs, Path p, DatasetManifest.Shard s,
      StructType expected, List<String> problems) {
    try {
      FileStatus st = fs.getFileStatus(p);
      if (st.getLen() != s.sizeBytes) {
        problems.add(s.path + ": size " + st.getLen() + " bytes, manifest says " + s.sizeBytes);
      }
      String sha = HadoopFiles.sha256(fs, p);
      if (!sha.equals(s.sha256)) {
        problems.add(s.path + ": SHA-256 " + sha + ", manifest says " + s.sha256);
      }
      try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, conf))) {
        long n = r.getRecordCount();
        if (n != s.rows) {
          problems.add(s.path + ": " + n + " rows, manifest says " + s.rows);
        }
        MessageType schema = r.getFooter().getFileMetaData().getSchema();
        for (String col : expected.fieldNames()) {
          if (!schema.containsField(col)) {
            problems.add(s.path + ": no column " + col);
          }
        }
      }
      return st.getLen();
    } catch (FileNotFoundException e) {
      problems.add(s.path + ": missing");
    } catch (ChecksumException e) {
      problems.add(s.path + ": corrupt (" + e.getMessage() + ")");
    } catch (IOException | RuntimeException e) {
      problems.add(s.path + ": unreadable (" + e.getMessage() + ")");
    }
    return -1;
  }

  /** The shards' rows per split against the manifest's split counts, both ways. */
  private static void checkSplitCounts(Map<String, Long> splitCounts, Map<String, Long> rowsBySplit,
      List<String> problems) {
    for (Map.Entry<String, Long> e : splitCounts.entrySet()) {
      long inShards = rowsBySplit.getOrDefault(e.getKey(), 0L);
      if (inShards != e.getValue()) {
        problems.add("split " + e.getKey() + ": shards hold " + inShards + " rows, splitCounts says " + e.getValue());
      }
    }
    for (String split : rowsBySplit.keySet()) {
      if (!splitCounts.containsKey(split)) {
        problems.add("split " + split + " has shards but no entry in splitCounts");
      }
    }
  }

  /** Parquet files in the split directories that the manifest does not list. */
  private static void checkNothingUnlisted(FileSystem fs, String datasetDir, Set<String> listed,
      List<String> problems) {
    Path dir = new Path(datasetDir);
    try {
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && name.startsWith(FrameSchema.SPLIT_DIR_PREFIX)) {
          for (FileStatus f : fs.listStatus(st.getPath())) {
            String rel = name + "/" + f.getPath().getName();
            if (rel.endsWith(".parquet") && !listed.contains(rel)) {
              problems.add(rel + ": not listed in the manifest");
            }
          }
        }
      }
    } catch (IOException e) {
      problems.add("cannot list " + datasetDir + ": " + e.getMessage());
    }
  }
}
