package org.snnspark.models.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape of the SIMD loops: four doubles (256 bits), whatever the CPU. One shape
 * because JDK 17's C2 stops compiling Vector API calls to vector instructions once two shapes pass
 * through them in one JVM (a RadLIF layer's backward then runs several times slower); four lanes because a dot product's partial sums then follow one order on
 * every machine (lane l adds the terms j = l mod 4), the order the scalar twins use. Loaded only
 * when {@link VectorSupport} found the module: the class cannot link without it.
 */
public final class SimdLanes {
    public static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;
    /** The same 256 bits as floats, for scans of float32 ND4J data. */
    public static final VectorSpecies<Float> EIGHT_FLOATS = FloatVector.SPECIES_256;
    /** The same 256 bits as ints, for lane indices and masks. */
    public static final VectorSpecies<Integer> EIGHT_INTS = IntVector.SPECIES_256;

    private SimdLanes() {
    }

    /** {@code sum[at .. at + 4) += term}: a gradient's four lanes summed over rows, as the scalar twins add. */
    public static void accumulate(double[] sum, int at, DoubleVector term) {
        DoubleVector.fromArray(FOUR, sum, at).add(term).intoArray(sum, at);
    }

    public static int preferredBits() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
