package org.snnspark.preprocess.hdf5;

import io.jhdf.GlobalHeap;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slices of a variable-length dataset of 16-bit elements (contiguous or chunked) — SHD's and SSC's
 * {@code spikes/times} (float16) and {@code spikes/units} (uint16) — decoded here from the global
 * heap objects jhdf locates, instead of by jhdf's {@code getData(offset, shape)}, which converts
 * element by element through a ShortBuffer view and parses every heap collection again for each
 * slice. The values are the ones jhdf returns (float16 through jhdf's own conversion, by table),
 * each heap collection parsed once for all the slices that share it.
 *
 * <p>{@link #of} answers null for any other dataset (other element types, more dimensions), which
 * the caller then reads through jhdf.
 */
final class VlenSlices {
  /** jhdf's float16 conversion of every bit pattern. */
  private static final float[] HALF = new float[1 << 16];
  /** Heap collections kept between slices (consecutive slices share the collection at their border). */
  private static final int HEAPS_KEPT = 4;

  static {
    for (int h = 0; h < HALF.length; h++) {
      HALF[h] = FloatingPoint.toFloat((short) h);
    }
  }

  private final DatasetBase dataset;
  private final HdfBackingStorage storage;
  private final ByteOrder order;
  private final boolean signed;
  /** A chunked dataset's heap ids, all of them ({@link #heapIds}). */
  private ByteBuffer allIds;
  private final Map<Long, GlobalHeap> heaps = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, GlobalHeap> eldest) {
      return size() > HEAPS_KEPT;
    }
  };

  private VlenSlices(DatasetBase dataset, HdfBackingStorage storage, ByteOrder order, boolean signed) {
    this.dataset = dataset;
    this.storage = storage;
    this.order = order;
    this.signed = signed;
  }

  /**
   * The fast reader of {@code ds} if it is a contiguous one-dimensional vlen dataset of float16
   * ({@code floats}) or 16-bit integers (not {@code floats}), else null.
   */
  static VlenSlices of(Dataset ds, HdfBackingStorage storage, boolean floats) {
    if (!(ds instanceof DatasetBase base) || ds.getDimensions().length != 1
        || !(ds.getDataType() instanceof VariableLength vlen) || vlen.isVariableLengthString()) {
      return null;
    }
    int offsets = storage.getSizeOfOffsets();
    if (vlen.getSize() != 4 + offsets + 4 || (offsets != 4 && offsets != 8)) {
      return null;
    }
    DataType element = vlen.getParent();
    if (element.getSize() != 2) {
      return null;
    }
    if (floats && element instanceof FloatingPoint f) {
      return new VlenSlices(base, storage, f.getByteOrder(), false);
    }
    if (!floats && element instanceof FixedPoint i) {
      return new VlenSlices(base, storage, i.getByteOrder(), i.isSigned());
    }
    return null;
  }

  /** Whether the elements are signed integers (float16 elements: false). */
  boolean signed() {
    return signed;
  }

  /** One heap object's float16 elements as floats. */
  static float[] floats(ByteBuffer b) {
    float[] v = new float[b.remaining() / 2];
    for (int k = 0, at = b.position(); k < v.length; k++, at += 2) {
      v[k] = HALF[b.getShort(at) & 0xffff];
    }
    return v;
  }

  /** One heap object's 16-bit integer elements as ints. */
  static int[] ints(ByteBuffer b, boolean signed) {
    int mask = signed ? -1 : 0xffff;
    int[] v = new int[b.remaining() / 2];
    for (int k = 0, at = b.position(); k < v.length; k++, at += 2) {
      v[k] = b.getShort(at) & mask;
    }
    return v;
  }

  /**
   * The heap ids of samples {@code offset .. offset + count - 1}. A contiguous dataset's are read as
   * a slice; a chunked (or compact) one's all at once, the first time, and kept: jHDF 0.9.4 slices
   * those wrongly (a 16-sample slice of a gzip-chunked SHD file came back with other samples' ids,
   * 142,758 spikes read for 1,865,331), while its whole-dataset read is right; at 16 bytes a
   * sample the ids of SSC's 75,466 training samples are 1.2 MB.
   */
  private ByteBuffer heapIds(long offset, int count) {
    if (dataset instanceof ContiguousDataset) {
      return dataset.getSliceDataBuffer(new long[] {offset}, new int[] {count}).order(ByteOrder.LITTLE_ENDIAN);
    }
    if (allIds == null) {
      allIds = dataset.getDataBuffer();
    }
    int size = dataset.getDataType().getSize();
    return allIds.slice(Math.toIntExact(offset * size), count * size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Each sample's bytes, in the element's byte order (none for index 0: an empty sequence). */
  ByteBuffer[] objects(long offset, int count) {
    // the slice's heap ids: per sample a 4-byte length, the collection's address and the object's index
    ByteBuffer ids = heapIds(offset, count);
    ByteBuffer[] out = new ByteBuffer[count];
    for (int i = 0; i < count; i++) {
      ids.getInt(); // the sequence length; as jhdf, the object's size says how many elements there are
      long address = storage.getSizeOfOffsets() == 8 ? ids.getLong() : Integer.toUnsignedLong(ids.getInt());
      int index = ids.getInt();
      out[i] = index == 0 ? ByteBuffer.allocate(0)
          : heaps.computeIfAbsent(address, a -> new GlobalHeap(storage, a)).getObjectData(index).order(order);
      if (out[i].remaining() % 2 != 0) {
        throw new IllegalStateException("sample " + (offset + i) + ": a heap object of " + out[i].remaining()
            + " bytes cannot hold 16-bit elements");
      }
    }
    return out;
  }
}
