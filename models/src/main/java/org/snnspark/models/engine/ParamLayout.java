package org.snnspark.models.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order and shapes of a layer's parameters inside DL4J's flat parameter (and gradient) vector.
 * <p>
 * DL4J requires the param table's iteration order to match the flat layout (updaters and gradient
 * checks walk both in step), so one ordered list is the single source for counting, slicing and
 * naming parameters.
 */
public final class ParamLayout {

    /** How DL4J treats a parameter: weights get weight regularisation, biases the bias settings. */
    public enum Role { WEIGHT, BIAS, OTHER }

    /** One parameter: its key, role, shape, memory order and position in the flat vector. */
    public static final class Entry {
        public final String key;
        public final Role role;
        public final long[] shape;
        public final char order;
        public final long offset;
        public final long length;

        Entry(String key, Role role, char order, long[] shape, long offset) {
            this.key = key;
            this.role = role;
            this.order = order;
            this.shape = shape;
            this.offset = offset;
            long len = 1;
            for (long s : shape) {
                len *= s;
            }
            this.length = len;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long total;

    /** Appends a parameter; {@code order} is the memory order of its view ('c' or 'f'). */
    public ParamLayout add(String key, Role role, char order, long... shape) {
        Entry e = new Entry(key, role, order, shape.clone(), total);
        entries.add(e);
        total += e.length;
        return this;
    }

    public long numParams() {
        return total;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.key);
        }
        return out;
    }

    public List<String> keys(Role role) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.role == role) {
                out.add(e.key);
            }
        }
        return out;
    }

    public boolean has(String key, Role role) {
        for (Entry e : entries) {
            if (e.key.equals(key)) {
                return e.role == role;
            }
        }
        return false;
    }

    /** Views of the flat vector ([1, N] or [N]) per parameter, in layout order. */
    public Map<String, INDArray> views(INDArray flat) {
        if (flat.length() != total) {
            throw new IllegalArgumentException("flat parameter vector has " + flat.length() + " values, layout needs " + total);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            INDArray slice = flat.rank() == 1
                    ? flat.get(NDArrayIndex.interval(e.offset, e.offset + e.length))
                    : flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(e.offset, e.offset + e.length));
            out.put(e.key, slice.reshape(e.order, e.shape));
        }
        return out;
    }
}
