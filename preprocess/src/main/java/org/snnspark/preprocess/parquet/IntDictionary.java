package org.snnspark.preprocess.parquet;

import java.util.Arrays;

/**
 * A column chunk's dictionary of 32-bit values (ints, or floats by their bits): ids in order of
 * first occurrence, as parquet-mr assigns them. Small non-negative values — time bins, channels,
 * counts — are looked up in a direct table, others in an open-addressing hash table.
 */
final class IntDictionary {
  /** Values below this are looked up directly (a table of up to 256 KB). */
  private static final int DIRECT_LIMIT = 1 << 16;
  /** id + 1 of value v at direct[v]; 0 = not yet seen. */
  private int[] direct = new int[0];
  /** Hash table of the other values: keys, and id + 1 (0 = empty slot). */
  private int[] hashKeys = new int[0];
  private int[] hashIds = new int[0];
  private int hashed;
  private int[] values = new int[64];
  private int size;

  /** The id of {@code v}, added if new. */
  int id(int v) {
    if (v >= 0 && v < direct.length) {
      int id = direct[v] - 1;
      if (id >= 0) {
        return id;
      }
    }
    return idSlow(v);
  }

  private int idSlow(int v) {
    if (v >= 0 && v < DIRECT_LIMIT) {
      if (v >= direct.length) {
        direct = Arrays.copyOf(direct, Math.min(DIRECT_LIMIT, Math.max(64, Math.max(2 * direct.length, Integer.highestOneBit(v) * 2))));
      }
      int id = add(v);
      direct[v] = id + 1;
      return id;
    }
    if (2 * (hashed + 1) > hashKeys.length) {
      rehash(Math.max(64, 2 * hashKeys.length));
    }
    int mask = hashKeys.length - 1;
    for (int slot = mix(v) & mask; ; slot = (slot + 1) & mask) {
      if (hashIds[slot] == 0) {
        int id = add(v);
        hashKeys[slot] = v;
        hashIds[slot] = id + 1;
        hashed++;
        return id;
      }
      if (hashKeys[slot] == v) {
        return hashIds[slot] - 1;
      }
    }
  }

  private void rehash(int capacity) {
    int[] keys = hashKeys;
    int[] ids = hashIds;
    hashKeys = new int[capacity];
    hashIds = new int[capacity];
    int mask = capacity - 1;
    for (int s = 0; s < keys.length; s++) {
      if (ids[s] != 0) {
        int slot = mix(keys[s]) & mask;
        while (hashIds[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        hashKeys[slot] = keys[s];
        hashIds[slot] = ids[s];
      }
    }
  }

  private static int mix(int v) {
    int h = v * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private int add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, 2 * size);
    }
    values[size] = v;
    return size++;
  }

  int size() {
    return size;
  }

  /** The values by id, as a PLAIN-encoded dictionary page (4 bytes little-endian each). */
  byte[] plainBytes() {
    return plainBytes(values, size);
  }

  /** {@code values[0..size)} PLAIN-encoded (4 bytes little-endian each). */
  static byte[] plainBytes(int[] values, int size) {
    byte[] out = new byte[4 * size];
    for (int i = 0; i < size; i++) {
      int v = values[i];
      out[4 * i] = (byte) v;
      out[4 * i + 1] = (byte) (v >>> 8);
      out[4 * i + 2] = (byte) (v >>> 16);
      out[4 * i + 3] = (byte) (v >>> 24);
    }
    return out;
  }
}
