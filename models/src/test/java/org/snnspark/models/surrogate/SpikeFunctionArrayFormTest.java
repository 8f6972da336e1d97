package org.snnspark.models.surrogate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ND4J form of every spike function computes what its scalar form does, in both data types. */
class SpikeFunctionArrayFormTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SurrogateKind kind : SurrogateKind.values()) {
            for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                out.add(Arguments.of(kind, dt));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void arrayFormMatchesScalarForm(SurrogateKind kind, DataType dt) {
        SpikeFunction f = SpikeFunctions.create(kind, Double.NaN);
        // both sides of 0 and of the boxcar's edges, exactly on them, and far out
        double[] xs = {-3, -0.75, -0.5, -0.4999, -0.1, -1e-3, 0, 1e-3, 0.1, 0.25, 0.5, 0.5001, 0.9, 2, 7};
        INDArray x = Nd4j.createFromArray(xs).castTo(dt);
        INDArray spikes = f.spike(x);
        INDArray derivatives = f.derivative(x);
        double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-5;
        for (int i = 0; i < xs.length; i++) {
            double xi = x.getDouble(i);
            assertEquals(f.spike(xi), spikes.getDouble(i), tol, kind + " spike at " + xi);
            assertEquals(f.derivative(xi), derivatives.getDouble(i), tol * Math.max(1, Math.abs(f.derivative(xi))),
                    kind + " derivative at " + xi);
        }
        assertEquals(dt, spikes.dataType());
        assertEquals(xs[0], x.getDouble(0), 0.0, "input unchanged");
    }

    /** support() lists, at an offset and shift, every index whose derivative is non-zero, in order. */
    @ParameterizedTest
    @MethodSource("cases")
    void supportCoversEveryNonZeroDerivative(SurrogateKind kind, DataType ignored) {
        SpikeFunction f = SpikeFunctions.create(kind, Double.NaN);
        double shift = 1.0;
        double[] x = new double[3 + 41];
        for (int i = 0; i < 41; i++) {
            x[3 + i] = shift + (i - 20) * 0.05;
        }
        int[] out = new int[41];
        int count = f.support(x, 3, 41, shift, out);
        int listed = 0;
        for (int i = 0; i < 41; i++) {
            boolean inList = listed < count && out[listed] == i;
            if (inList) {
                listed++;
            }
            if (f.derivative(x[3 + i] - shift) != 0.0) {
                assertTrue(inList, kind + ": index " + i + " has a non-zero derivative but is not listed");
            }
        }
        assertEquals(count, listed, kind + ": indices listed out of order or out of range");
        assertEquals(f.hasBoundedSupport(), count < 41, kind + ": bounded support leaves indices out here");
    }
}
