package org.snnspark.models.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event-driven input product and weight gradient against plain dense sums. */
class InputEventsTest {

    /** [rows, cols] c-ordered, a fraction {@code density} non-zero (values 1, 2 or -0.5). */
    private static double[] sparse(Random r, int rows, int cols, double density) {
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            if (r.nextDouble() < density) {
                double u = r.nextDouble();
                x[i] = u < 0.6 ? 1.0 : u < 0.8 ? 2.0 : -0.5;
            }
        }
        return x;
    }

    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /**
     * Sizes around the chunking: rows that do not fill the last chunk, more rows than one part,
     * fewer rows than parts, an output width that is no multiple of the SIMD lanes.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void productAndWeightGradientEqualTheDenseSums(DataType dt) {
        int[][] shapes = {{2300, 37, 10}, {5, 700, 128}, {300, 130, 6}};
        Random r = new Random(3);
        for (int[] shape : shapes) {
            int rows = shape[0], nIn = shape[1], nOut = shape[2];
            double[] x = sparse(r, rows, nIn, 0.07);
            double[] w = gaussian(r, nIn * nOut);
            double[] g = gaussian(r, rows * nOut);
            double[] bias = gaussian(r, nOut);
            INDArray xArr = Nd4j.create(x, new long[]{rows, nIn}, 'c').castTo(dt);
            // a layer's W is 'f'-ordered
            INDArray wArr = Nd4j.create(w, new long[]{nIn, nOut}, 'c').castTo(dt).dup('f');
            double[] xv = xArr.castTo(DataType.DOUBLE).data().asDouble();
            double[] wv = wArr.castTo(DataType.DOUBLE).dup('c').data().asDouble();

            InputEvents events = new InputEvents(nIn, nOut);
            double[] out = new double[rows * nOut];
            events.product(xArr, rows, wArr, bias, out);
            INDArray gradW = Nd4j.create(dt, new long[]{nIn, nOut}, 'f');
            events.weightGradient(xArr, rows, g, gradW);

            double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-5;
            for (int row = 0; row < rows; row++) {
                for (int j = 0; j < nOut; j++) {
                    double expected = bias[j];
                    for (int i = 0; i < nIn; i++) {
                        expected += xv[row * nIn + i] * wv[i * nOut + j];
                    }
                    assertEquals(expected, out[row * nOut + j], tol * (1 + Math.abs(expected)), "x W at " + row + "," + j);
                }
            }
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) {
                    double expected = 0;
                    for (int row = 0; row < rows; row++) {
                        expected += xv[row * nIn + i] * g[row * nOut + j];
                    }
                    assertEquals(expected, gradW.getDouble(i, j), tol * (1 + Math.abs(expected)), "dW at " + i + "," + j);
                }
            }
        }
    }

    /** The sums do not depend on how many threads ran them, nor on the gradient's previous contents. */
    @Test
    void weightGradientIsTheSameOnEveryCall() {
        Random r = new Random(9);
        int rows = 4000, nIn = 50, nOut = 12;
        INDArray x = Nd4j.create(sparse(r, rows, nIn, 0.1), new long[]{rows, nIn}, 'c');
        double[] g = gaussian(r, rows * nOut);
        InputEvents events = new InputEvents(nIn, nOut);
        INDArray first = Nd4j.create(DataType.DOUBLE, new long[]{nIn, nOut}, 'f');
        events.weightGradient(x, rows, g, first);
        INDArray again = Nd4j.create(DataType.DOUBLE, new long[]{nIn, nOut}, 'f').assign(7.0);
        events.weightGradient(x, rows, g, again);
        assertArrayEquals(first.data().asDouble(), again.data().asDouble());
    }

    /** The entries a product found serve the gradient of that input only, not of another one. */
    @Test
    void weightGradientOfAnotherInputScansThatInput() {
        Random r = new Random(21);
        int rows = 3000, nIn = 40, nOut = 9;
        INDArray seen = Nd4j.create(sparse(r, rows, nIn, 0.1), new long[]{rows, nIn}, 'c').castTo(DataType.FLOAT);
        INDArray other = Nd4j.create(sparse(r, rows, nIn, 0.1), new long[]{rows, nIn}, 'c').castTo(DataType.FLOAT);
        INDArray w = Nd4j.rand(DataType.FLOAT, nIn, nOut).dup('f');
        double[] g = gaussian(r, rows * nOut);
        InputEvents events = new InputEvents(nIn, nOut);
        events.product(seen, rows, w, null, new double[rows * nOut]);
        INDArray replayed = Nd4j.create(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        events.weightGradient(seen, rows, g, replayed);
        INDArray afterOther = Nd4j.create(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        events.weightGradient(other, rows, g, afterOther);

        INDArray scannedSeen = Nd4j.create(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        new InputEvents(nIn, nOut).weightGradient(seen, rows, g, scannedSeen);
        INDArray scannedOther = Nd4j.create(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        new InputEvents(nIn, nOut).weightGradient(other, rows, g, scannedOther);
        assertEquals(scannedSeen, replayed, "the kept entries give the scan's gradient");
        assertEquals(scannedOther, afterOther, "another input is scanned");
        assertFalse(events.replayedLastGradient());
    }

    /**
     * A layer's backward pass reads its input through new view objects of the same memory (the
     * NCW input's time-major matrix, formed again): the kept entries serve it.
     */
    @Test
    void newViewsOfTheSameInputReplayTheKeptEntries() {
        Random r = new Random(5);
        int batch = 6, nIn = 30, steps = 50, nOut = 7, rows = batch * steps;
        INDArray timeMajor = Nd4j.create(sparse(r, rows, nIn, 0.1), new long[]{steps, batch, nIn}, 'c')
                .castTo(DataType.FLOAT);
        INDArray ncw = timeMajor.permute(1, 2, 0);
        INDArray w = Nd4j.rand(DataType.FLOAT, nIn, nOut).dup('f');
        double[] g = gaussian(r, rows * nOut);
        InputEvents events = new InputEvents(nIn, nOut);
        events.product(TimeMajor.matrix(ncw, null, null), rows, w, null, new double[rows * nOut]);
        INDArray dW = Nd4j.create(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        events.weightGradient(TimeMajor.matrix(ncw.permute(0, 1, 2), null, null), rows, g, dW);
        assertTrue(events.replayedLastGradient(), "a new view of the same memory is the same input");
        INDArray scanned = Nd4j.create(DataType.FLOAT, new long[]{nIn, nOut}, 'f');
        new InputEvents(nIn, nOut).weightGradient(TimeMajor.matrix(ncw, null, null), rows, g, scanned);
        assertEquals(scanned, dW);
    }

    @Test
    void rowsOfAndWriteRowsHandleBothOrderings() {
        Random r = new Random(1);
        double[] w = gaussian(r, 5 * 3);
        INDArray c = Nd4j.create(w, new long[]{5, 3}, 'c');
        double[][] fromC = InputEvents.rowsOf(c, null);
        double[][] fromF = InputEvents.rowsOf(c.dup('f'), null);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(w[i * 3 + j], fromC[i][j]);
                assertEquals(w[i * 3 + j], fromF[i][j]);
            }
        }
        for (char order : new char[]{'c', 'f'}) {
            INDArray target = Nd4j.create(DataType.FLOAT, new long[]{5, 3}, order);
            InputEvents.writeRows(fromC, target);
            assertTrue(target.equalsWithEps(c.castTo(DataType.FLOAT), 1e-6), "written into '" + order + "'");
        }
    }

    @Test
    void densityIsEstimatedFromSampledRows() {
        Random r = new Random(4);
        int rows = 20_000, nIn = 100;
        INDArray sparse = Nd4j.create(sparse(r, rows, nIn, 0.05), new long[]{rows, nIn}, 'c');
        assertEquals(0.05, InputEvents.density(sparse, rows, nIn), 0.01);
        INDArray dense = Nd4j.create(gaussian(r, rows * nIn), new long[]{rows, nIn}, 'c');
        assertEquals(1.0, InputEvents.density(dense, rows, nIn), 1e-12);
        assertEquals(0.0, InputEvents.density(Nd4j.zeros(DataType.FLOAT, 3, nIn), 3, nIn));
    }

    @Test
    void thePropertyDecides() {
        INDArray dense = Nd4j.ones(DataType.FLOAT, 10, 4);
        INDArray sparse = Nd4j.zeros(DataType.FLOAT, 10, 4);
        InputEvents events = new InputEvents(4, 2);
        String previous = System.getProperty(InputEvents.PROPERTY);
        try {
            System.clearProperty(InputEvents.PROPERTY);
            assertTrue(events.use(sparse, 10));
            assertFalse(events.use(dense, 10));
            System.setProperty(InputEvents.PROPERTY, "on");
            assertTrue(events.use(dense, 10));
            System.setProperty(InputEvents.PROPERTY, "off");
            assertFalse(events.use(sparse, 10));
            System.setProperty(InputEvents.PROPERTY, "sometimes");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> events.use(sparse, 10));
            assertTrue(e.getMessage().contains("auto, on or off"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(InputEvents.PROPERTY);
            } else {
                System.setProperty(InputEvents.PROPERTY, previous);
            }
        }
    }
}
