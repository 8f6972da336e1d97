package org.snnspark.models.engine;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layout conversions every layer relies on, for both supported data types. */
class TimeMajorTest {
    private final LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();

    /** [mb=2, ch=3, T=4] with value 100 b + 10 c + t at (b, c, t). */
    private static INDArray ncw(DataType dt) {
        INDArray a = Nd4j.create(dt, 2, 3, 4);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < 4; t++) {
                    a.putScalar(new long[]{b, c, t}, 100 * b + 10 * c + t);
                }
            }
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void batchMajorInputIsCopiedIntoTimeMajorRows(DataType dt) {
        INDArray x = ncw(dt);
        assertFalse(TimeMajor.isTimeMajor(x));
        INDArray m = TimeMajor.matrix(x, ws, ArrayType.FF_WORKING_MEM);
        assertArrayEquals(new long[]{8, 3}, m.shape());
        double[] values = new double[24];
        TimeMajor.read(m, values);
        // row t * mb + b holds channels of sample b at step t
        int row = 2 * 2 + 1;
        assertEquals(100 + 20 + 2, values[row * 3 + 2], 0.0);
        assertEquals(m.getDouble(row, 2), values[row * 3 + 2], 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void timeMajorViewsNeedNoCopy(DataType dt) {
        INDArray out = TimeMajor.allocateNcw(ws, ArrayType.ACTIVATIONS, dt, 2, 3, 4);
        assertTrue(TimeMajor.isTimeMajor(out));
        out.assign(ncw(dt));
        INDArray m = TimeMajor.matrix(out, ws, ArrayType.FF_WORKING_MEM);
        m.putScalar(5, 2, -1.0);
        assertEquals(-1.0, out.getDouble(1, 2, 2), 0.0, "the matrix is a view of the NCW array");
        double[] src = new double[24];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        TimeMajor.write(src, m);
        assertEquals(5 * 3 + 1, out.getDouble(1, 1, 2), 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void readAndWriteHonourViewOffsets(DataType dt) {
        INDArray flat = Nd4j.arange(30).castTo(dt).reshape(1, 30);
        INDArray slice = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 16)).reshape('c', 2, 3);
        double[] got = new double[6];
        TimeMajor.read(slice, got);
        assertArrayEquals(new double[]{10, 11, 12, 13, 14, 15}, got, 0.0);
        TimeMajor.write(new double[]{-1, -2, -3, -4, -5, -6, -7}, 1, slice);
        assertEquals(9.0, flat.getDouble(0, 9), 0.0);
        assertEquals(-2.0, flat.getDouble(0, 10), 0.0);
        assertEquals(-7.0, flat.getDouble(0, 15), 0.0);
        assertEquals(16.0, flat.getDouble(0, 16), 0.0);

        INDArray row = Nd4j.arange(12).castTo(dt).reshape(3, 4).get(NDArrayIndex.point(2), NDArrayIndex.all());
        double[] r = new double[4];
        TimeMajor.read(row, r);
        assertArrayEquals(new double[]{8, 9, 10, 11}, r, 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void nonContiguousArraysAreRejected(DataType dt) {
        INDArray column = Nd4j.create(dt, 3, 4).get(NDArrayIndex.all(), NDArrayIndex.point(1));
        assertThrows(IllegalArgumentException.class, () -> TimeMajor.read(column, new double[3]));
    }
}
