package org.snnspark.models.neuron.lif;

import org.snnspark.models.testutil.KernelParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.surrogate.Boxcar;
import org.snnspark.models.surrogate.SmoothSigmoid;
import org.snnspark.models.surrogate.SpikeFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.snnspark.models.engine.KernelChoice;
import org.snnspark.models.engine.NeuronKernel;

/**
 * The backend-neutral LIF kernel against the Java one on the CPU: spikes, every state variable,
 * the drive gradient and every parameter gradient, for all four models, with padding at the end
 * and in the middle, a stored initial state and truncated BPTT; in DOUBLE (to rounding) and in
 * FLOAT (the ND4J kernel then computes in float, the Java one in double: a float tolerance).
 */
class Nd4jLifKernelTest {
    private static final int N = 7;
    private static final int MB = 3;
    private static final int T = 12;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (NeuronType type : new NeuronType[]{LifModel.LIF, LifModel.RLIF, LifModel.ADLIF, LifModel.RADLIF}) {
            for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                out.add(Arguments.of(type, dt, new Boxcar(0.5)));
            }
            out.add(Arguments.of(type, DataType.DOUBLE, new SmoothSigmoid(4.0)));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameForwardAndGradientsAsTheJavaKernel(NeuronType type, DataType dt, SpikeFunction f) {
        Random r = new Random(NeuronType.values().indexOf(type) * 31L + dt.ordinal());
        int total = MB * T * N;
        double[] drive = gaussian(r, total, 1.2, 0.4);
        double[] gOut = gaussian(r, total, 1.0, 0.0);
        boolean[] valid = new boolean[MB * T];
        for (int i = 0; i < valid.length; i++) {
            int t = i / MB, b = i % MB;
            valid[i] = !(b == 1 && t >= 9) && !(b == 2 && t == 4);
        }
        double[][] params = {uniform(r, 0.82, 0.96), uniform(r, 0.97, 0.99), uniform(r, -1, 1), uniform(r, 0, 2)};
        if (!type.isAdaptive()) {
            params = new double[][]{params[0]};
        }
        double[] v = type.isRecurrent() ? gaussian(r, N * N, 0.4, 0.0) : null;
        double[][] init = {gaussian(r, MB * N, 0.5, 0.3), new double[MB * N], gaussian(r, MB * N, 0.2, 0.0)};
        init[1][2] = 1.0;
        init[1][9] = 1.0;
        if (!type.isAdaptive()) {
            init = new double[][]{init[0], init[1]};
        }

        LifKernel java = new LifKernel(N, type.isRecurrent(), type.isAdaptive(), 1.0, f);
        Nd4jLifKernel nd4j = new Nd4jLifKernel(N, type.isRecurrent(), type.isAdaptive(), 1.0, f, dt);
        // the float kernel sees float inputs; give the Java one the same rounded values
        if (dt == DataType.FLOAT) {
            roundToFloat(drive, gOut, v);
            for (double[] p : params) {
                roundToFloat(p);
            }
            for (double[] s : init) {
                roundToFloat(s);
            }
        }
        for (NeuronKernel k : new NeuronKernel[]{java, nd4j}) {
            k.setParameters(KernelParams.of(k, copy(params)), v == null ? null : v.clone());
            k.setInitialState(copy(init));
            k.forward(drive, MB, T, valid);
        }
        double tol = dt == DataType.DOUBLE ? 1e-12 : 2e-5;
        if (f.isBinary()) {
            assertArrayEquals(java.spikes(), nd4j.spikes(), 0.0, "spikes");
        }
        for (int k = 0; k < java.stateCount(); k++) {
            assertClose(java.state(k), nd4j.state(k), tol, "state " + k);
        }
        for (int firstStep : new int[]{0, 5}) {
            double[] gDriveJava = new double[total];
            double[] gDriveNd4j = new double[total];
            double[][] dJava = new double[params.length][N];
            double[][] dNd4j = new double[params.length][N];
            java.backward(gOut, gDriveJava, firstStep, KernelParams.of(java, dJava));
            nd4j.backward(gOut, gDriveNd4j, firstStep, KernelParams.of(nd4j, dNd4j));
            assertClose(gDriveJava, gDriveNd4j, tol * 10, "drive gradient from step " + firstStep);
            for (int p = 0; p < params.length; p++) {
                assertClose(dJava[p], dNd4j[p], tol * 10, "gradient of parameter " + p + " from step " + firstStep);
            }
        }
    }

    @Test
    void theChoiceFollowsThePropertyAndTheBackend() {
        assertEquals(KernelChoice.JAVA, KernelChoice.choose("auto", true));
        assertEquals(KernelChoice.ND4J, KernelChoice.choose("auto", false));
        assertEquals(KernelChoice.ND4J, KernelChoice.choose("ND4J", true));
        assertEquals(KernelChoice.JAVA, KernelChoice.choose(" java ", false));
        assertThrows(IllegalArgumentException.class, () -> KernelChoice.choose("cuda", true));
        // this build runs ND4J's CPU backend
        assertEquals(KernelChoice.JAVA, KernelChoice.current());
    }

    /** |a - b| <= tol * max(1, |a|) element by element. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + " at " + i);
        }
    }

    private static double[] gaussian(Random r, int n, double scale, double shift) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian() * scale + shift;
        }
        return a;
    }

    private static double[] uniform(Random r, double lo, double hi) {
        double[] a = new double[N];
        for (int i = 0; i < N; i++) {
            a[i] = lo + (hi - lo) * r.nextDouble();
        }
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
    }

    private static void roundToFloat(double[]... arrays) {
        for (double[] a : arrays) {
            if (a != null) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) a[i];
                }
            }
        }
    }
}
