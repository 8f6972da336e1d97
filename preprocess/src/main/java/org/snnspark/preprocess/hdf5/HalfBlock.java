package org.snnspark.preprocess.hdf5;

import java.nio.ByteBuffer;

/**
 * A block of consecutive samples' spikes as a Heidelberg file stores them, not yet decoded: each
 * sample's float16 time bits and 16-bit units, still in the file's global-heap buffers. A binner
 * that looks bins up by a float16's bits copies them out ({@link #timeBits}, {@link #unitBits})
 * and never builds the float[] and int[] of {@link SpikeH5Reader.Block} — at SHD's density those
 * were ~0.6 GB of arrays per pass over a file, written once and read once. {@link #times} and
 * {@link #units} decode a sample as {@link SpikeH5Reader#read} does, for the samples that need it
 * (a problem to describe, events to write).
 */
public final class HalfBlock {
  private final long offset;
  private final ByteBuffer[] times;
  private final ByteBuffer[] units;
  private final boolean signedUnits;

  HalfBlock(long offset, ByteBuffer[] times, ByteBuffer[] units, boolean signedUnits) {
    this.offset = offset;
    this.times = times;
    this.units = units;
    this.signedUnits = signedUnits;
  }

  /** The first sample's index in the file. */
  public long offset() {
    return offset;
  }

  public int size() {
    return times.length;
  }

  /** Whether the units are stored as signed 16-bit integers (else unsigned). */
  public boolean signedUnits() {
    return signedUnits;
  }

  /** Spike times of sample {@code offset() + i}. */
  public int timesLength(int i) {
    return times[i].remaining() / 2;
  }

  /** Spike units of sample {@code offset() + i} (a valid sample has as many as times). */
  public int unitsLength(int i) {
    return units[i].remaining() / 2;
  }

  /** Copies sample {@code offset() + i}'s float16 time bits into {@code dst[0 .. timesLength(i))}. */
  public void timeBits(int i, short[] dst) {
    times[i].asShortBuffer().get(dst, 0, timesLength(i));
  }

  /** Copies sample {@code offset() + i}'s 16-bit units into {@code dst[0 .. unitsLength(i))}. */
  public void unitBits(int i, short[] dst) {
    units[i].asShortBuffer().get(dst, 0, unitsLength(i));
  }

  /** Sample {@code offset() + i}'s times decoded, as {@link SpikeH5Reader#read} gives them. */
  public float[] times(int i) {
    return VlenSlices.floats(times[i]);
  }

  /** Sample {@code offset() + i}'s units decoded, as {@link SpikeH5Reader#read} gives them. */
  public int[] units(int i) {
    return VlenSlices.ints(units[i], signedUnits);
  }
}
