package org.snnspark.models.engine;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The input side every layer here shares: drive = BN(x W + bias) for all steps at once.
 * <p>
 * The product is one GEMM over the time-major [T * mb, nIn] input matrix (the largest piece of
 * work of a layer; ND4J runs it near the machine's peak), or, when the input is sparse spikes,
 * sums over its non-zero entries straight into the drive ({@link InputEvents}; dW likewise, the
 * input gradient stays a GEMM). Bias and the optional batch-norm are
 * applied in Java on the copied-out result, where they cost a pass over memory. Batch-norm follows
 * sparch ({@code BatchNorm1d} over batch x time, momentum 0.05, eps 1e-5), except that padding
 * steps (see {@link StepMask}) are left out of the statistics. Backward gives dW and the input
 * gradient as two more GEMMs.
 * <p>
 * Running statistics are parameters updated the way DL4J's own BatchNormalization does it: the
 * "gradient" is {@code running - newRunning}, applied with a NoOp updater and no minibatch
 * division, so parameter averaging in Spark averages them like any other parameter.
 */
public final class InputProjection {
    public static final String W = "W";
    public static final String BIAS = "bias";
    public static final String BN_GAMMA = "bnGamma";
    public static final String BN_BETA = "bnBeta";
    public static final String BN_MEAN = "bnMean";
    public static final String BN_VAR = "bnVar";
    /** sparch's BatchNorm1d(momentum=0.05); eps is PyTorch's default. */
    public static final double BN_MOMENTUM = 0.05;
    public static final double BN_EPS = 1e-5;

    private final int nIn;
    private final int nOut;
    private final boolean hasBias;
    private final boolean batchNorm;

    private double[] drive;
    private double[] xhat;
    private final double[] gamma;
    private final double[] shift;
    private final double[] invStd;
    private final double[] runMeanDelta;
    private final double[] runVarDelta;
    /** Batch-norm's column sums of the last backward: dL/dbeta and dL/dgamma. */
    private double[] dBeta;
    private double[] dGamma;
    private boolean[] valid;
    private long rows;
    /** The input product over the non-zero inputs ({@link InputEvents}), and whether the last forward used it. */
    private final InputEvents events;
    private boolean eventDriven;
    private long validRows;
    /** The product with learnable synaptic delays, or null for the plain x W. */
    private final SynapticDelays delays;
    private long minibatch;

    public InputProjection(long nIn, long nOut, boolean hasBias, boolean batchNorm) {
        this(nIn, nOut, hasBias, batchNorm, 0);
    }

    /** With learnable synaptic delays of up to {@code maxDelay} steps ({@link SynapticDelays}); 0 = none. */
    public InputProjection(long nIn, long nOut, boolean hasBias, boolean batchNorm, int maxDelay) {
        this.nIn = Math.toIntExact(nIn);
        this.nOut = Math.toIntExact(nOut);
        this.hasBias = hasBias;
        this.batchNorm = batchNorm;
        this.gamma = new double[this.nOut];
        this.shift = new double[this.nOut];
        this.invStd = new double[this.nOut];
        this.runMeanDelta = new double[this.nOut];
        this.runVarDelta = new double[this.nOut];
        this.events = new InputEvents(this.nIn, this.nOut);
        this.delays = maxDelay > 0 ? new SynapticDelays(this.nIn, this.nOut, maxDelay) : null;
    }

    /** Appends W [nIn, nOut] and, if used, the bias to a layout: the input-side parameters. */
    public static void addInputParams(ParamLayout layout, long nIn, long nOut, boolean hasBias) {
        layout.add(W, ParamLayout.Role.WEIGHT, 'f', nIn, nOut);
        if (hasBias) {
            layout.add(BIAS, ParamLayout.Role.BIAS, 'c', nOut);
        }
    }

    /** Appends the batch-norm parameters (scale, shift, running mean and variance), if used. */
    public static void addNormParams(ParamLayout layout, long nOut, boolean batchNorm) {
        if (batchNorm) {
            layout.add(BN_GAMMA, ParamLayout.Role.OTHER, 'c', nOut);
            layout.add(BN_BETA, ParamLayout.Role.OTHER, 'c', nOut);
            layout.add(BN_MEAN, ParamLayout.Role.OTHER, 'c', nOut);
            layout.add(BN_VAR, ParamLayout.Role.OTHER, 'c', nOut);
        }
    }

    /**
     * True for parameters the optimiser does not train: batch-norm's statistics and the delays'
     * sigma (set by its schedule). NoOp updater, no minibatch division, no weight decay.
     */
    public static boolean isRunningStatistic(String key) {
        return BN_MEAN.equals(key) || BN_VAR.equals(key) || SynapticDelays.isSchedule(key);
    }

    /** Initial values: no bias, identity batch-norm (W is initialised by the layer's weight init). */
    public static void initialize(Map<String, INDArray> params) {
        assignIfPresent(params, BIAS, 0.0);
        assignIfPresent(params, BN_GAMMA, 1.0);
        assignIfPresent(params, BN_BETA, 0.0);
        assignIfPresent(params, BN_MEAN, 0.0);
        assignIfPresent(params, BN_VAR, 1.0);
    }

    private static void assignIfPresent(Map<String, INDArray> params, String key, double value) {
        INDArray p = params.get(key);
        if (p != null) {
            p.assign(value);
        }
    }

    /**
     * Computes the drive for all steps into a reused time-major array of length T * mb * nOut.
     *
     * @param input    NCW input [mb, nIn, T]
     * @param w        the input weights (possibly with weight noise applied)
     * @param params   the layer's parameter table (bias and batch-norm entries are read from it)
     * @param valid    per-row validity ({@link StepMask}), null = all valid
     * @param training batch statistics (training) or running statistics (inference)
     * @param work     the workspace array type for temporaries (FF or BP working memory)
     */
    public double[] forward(INDArray input, INDArray w, Map<String, INDArray> params, boolean[] valid,
                            boolean training, LayerWorkspaceMgr ws, ArrayType work) {
        long mb = input.size(0), steps = input.size(2);
        if (input.size(1) != nIn) {
            throw new IllegalArgumentException("expected " + nIn + " input channels, got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        rows = mb * steps;
        minibatch = mb;
        this.valid = valid;
        INDArray x = TimeMajor.matrix(input, ws, work);
        drive = Buffers.ensure(drive, rows * nOut);
        double[] bias = null;
        if (hasBias) {
            bias = new double[nOut];
            TimeMajor.read(params.get(BIAS), bias);
        }
        if (batchNorm) {
            TimeMajor.read(params.get(BN_GAMMA), gamma);
            TimeMajor.read(params.get(BN_BETA), shift);
        }
        eventDriven = events.use(x, (int) rows);
        if (delays != null) {
            delays.prepare(w, params, training);
        }
        if (eventDriven) {
            // bias + x W straight into drive, summed over the non-zero inputs
            if (delays != null) {
                delays.eventProduct(x, (int) mb, bias, drive);
            } else {
                events.product(x, (int) rows, w, bias, drive);
            }
            double[] drv = drive;
            int n = nOut;
            if (batchNorm && training) {
                normalizeWithBatchStatistics((lo, hi, visit) -> {
                    for (int row = lo; row < hi; row++) {
                        visit.row(row, drv, row * n);
                    }
                }, params);
            } else if (batchNorm) {
                normalizeWithRunningStatistics(params);
            }
            return drive;
        }
        INDArray z = ws.createUninitialized(work, w.dataType(), new long[]{rows, nOut}, 'c');
        if (delays != null) {
            delays.product(x, mb, z, ws, work);
        } else {
            Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
        }
        if (batchNorm && training) {
            // statistics straight from the GEMM's output: drive is written once, normalised
            // (on a GPU backend the product is on the device until asked for; a no-op on the CPU backend)
            Nd4j.getAffinityManager().ensureLocation(z, org.nd4j.linalg.api.concurrency.AffinityManager.Location.HOST);
            double[] b = bias;
            normalizeWithBatchStatistics((lo, hi, visit) -> new PreNorm(z, b).forRows(lo, hi, visit), params);
            return drive;
        }
        TimeMajor.read(z, drive);
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                int base = r * nOut;
                for (int j = 0; j < nOut; j++) {
                    drive[base + j] += bias[j];
                }
            }
        }
        if (batchNorm) {
            normalizeWithRunningStatistics(params);
        }
        return drive;
    }

    @FunctionalInterface
    private interface RowVisitor {
        void row(int row, double[] values, int at);
    }

    /** The rows of drive before batch-norm, visited a range at a time (safe for disjoint ranges at once). */
    @FunctionalInterface
    private interface RowSource {
        void forRows(int lo, int hi, RowVisitor visit);
    }

    /** Rows of z (plus the bias, if any) as doubles, a chunk at a time: what drive is before batch-norm. */
    private final class PreNorm {
        private final INDArray z;
        private final double[] bias;
        private final int rowsPerChunk = Math.max(1, 8192 / nOut);
        private final double[] chunk = new double[rowsPerChunk * nOut];
        private final float[] scratch = new float[chunk.length];

        PreNorm(INDArray z, double[] bias) {
            this.z = z;
            this.bias = bias;
        }

        /** Visits rows {@code lo .. hi - 1}: each with its values at {@code chunk[at .. at + nOut)}. */
        void forRows(int lo, int hi, RowVisitor visit) {
            for (int first = lo; first < hi; first += rowsPerChunk) {
                int len = Math.min(rowsPerChunk, hi - first);
                read(first, len);
                for (int k = 0; k < len; k++) {
                    visit.row(first + k, chunk, k * nOut);
                }
            }
        }

        /** Rows {@code first .. first + count - 1} into {@link #chunk}. */
        private void read(int first, int count) {
            int n = nOut;
            TimeMajor.readRange(z, (long) first * n, count * n, chunk, 0, scratch);
            if (bias != null) {
                for (int k = 0; k < count; k++) {
                    for (int j = 0; j < n; j++) {
                        chunk[k * n + j] += bias[j];
                    }
                }
            }
        }
    }

    /**
     * Batch-norm with the minibatch's statistics over the valid rows into {@link #drive} (which
     * {@code source} may itself be: each value is read before its row is written).
     */
    private void normalizeWithBatchStatistics(RowSource source, Map<String, INDArray> params) {
        int n = nOut;
        int r = (int) rows;
        validRows = StepMask.count(valid, rows);
        double count = Math.max(1, validRows);
        boolean[] ok = valid;
        // per-column sums over row ranges, then added in range order: the same sums on any machine
        double[] mean = columnSums(r, n, (lo, hi, sum) -> source.forRows(lo, hi, (row, x, at) -> {
            if (ok == null || ok[row]) {
                for (int j = 0; j < n; j++) {
                    sum[j] += x[at + j];
                }
            }
        }));
        for (int j = 0; j < n; j++) {
            mean[j] /= count;
        }
        double[] var = columnSums(r, n, (lo, hi, sum) -> source.forRows(lo, hi, (row, x, at) -> {
            if (ok == null || ok[row]) {
                for (int j = 0; j < n; j++) {
                    double d = x[at + j] - mean[j];
                    sum[j] += d * d;
                }
            }
        }));
        double[] runMean = new double[n];
        double[] runVar = new double[n];
        TimeMajor.read(params.get(BN_MEAN), runMean);
        TimeMajor.read(params.get(BN_VAR), runVar);
        for (int j = 0; j < n; j++) {
            double biased = var[j] / count;
            // PyTorch normalises with the biased variance but tracks the unbiased one
            double unbiased = validRows > 1 ? var[j] / (validRows - 1) : biased;
            invStd[j] = 1.0 / Math.sqrt(biased + BN_EPS);
            if (validRows > 0) {
                runMeanDelta[j] = BN_MOMENTUM * (runMean[j] - mean[j]);
                runVarDelta[j] = BN_MOMENTUM * (runVar[j] - unbiased);
            } else {
                runMeanDelta[j] = 0;
                runVarDelta[j] = 0;
            }
        }
        xhat = Buffers.ensure(xhat, rows * n);
        double[] xh = xhat;
        double[] drv = drive;
        Parallel.run(r, Parallel.elementwiseParts(rows * n), (lo, hi, part) -> source.forRows(lo, hi,
                (row, x, at) -> {
                    int base = row * n;
                    boolean rowOk = ok == null || ok[row];
                    for (int j = 0; j < n; j++) {
                        double xn = rowOk ? (x[at + j] - mean[j]) * invStd[j] : 0.0;
                        xh[base + j] = xn;
                        drv[base + j] = rowOk ? gamma[j] * xn + shift[j] : 0.0;
                    }
                }));
    }

    /** Accumulates into {@code sum} (zero on entry) the rows {@code lo .. hi - 1}. */
    @FunctionalInterface
    private interface RowSums {
        void add(int lo, int hi, double[] sum);
    }

    /**
     * {@code width} sums over {@code rows} rows, split into fixed row ranges (run on
     * {@link Parallel}'s threads) whose partial sums are added in range order: the same sums on any
     * machine.
     */
    private double[] columnSums(int rows, int width, RowSums work) {
        int parts = Parallel.elementwiseParts((long) rows * nOut);
        double[][] partial = new double[parts][width];
        Parallel.run(rows, parts, (lo, hi, part) -> work.add(lo, hi, partial[part]));
        double[] total = new double[width];
        for (double[] p : partial) {
            for (int j = 0; j < width; j++) {
                total[j] += p[j];
            }
        }
        return total;
    }

    private void normalizeWithRunningStatistics(Map<String, INDArray> params) {
        int n = nOut;
        double[] runMean = new double[n];
        double[] runVar = new double[n];
        TimeMajor.read(params.get(BN_MEAN), runMean);
        TimeMajor.read(params.get(BN_VAR), runVar);
        double[] scale = new double[n];
        double[] offset = new double[n];
        for (int j = 0; j < n; j++) {
            scale[j] = gamma[j] / Math.sqrt(runVar[j] + BN_EPS);
            offset[j] = shift[j] - runMean[j] * scale[j];
        }
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            for (int j = 0; j < n; j++) {
                drive[base + j] = drive[base + j] * scale[j] + offset[j];
            }
        }
    }

    /**
     * Backward through batch-norm, bias and the product. Writes the gradients of W, bias and the
     * batch-norm parameters into {@code gradViews} and returns dL/dinput as an NCW view of a
     * time-major ACTIVATION_GRAD array, or null when {@code inputGradient} is false.
     *
     * @param gDrive dL/d(drive), time-major, zero on padding rows; may be overwritten (scratch)
     */
    public INDArray backward(double[] gDrive, INDArray input, INDArray w, Map<String, INDArray> gradViews,
                             boolean inputGradient, LayerWorkspaceMgr ws) {
        int n = nOut;
        long mb = input.size(0), steps = input.size(2);
        DataType dt = w.dataType();
        if (batchNorm) {
            batchNormSums(gDrive, gradViews);
        }
        // the event-driven dW and the bias sums read dz in Java: it is then formed in gDrive itself
        boolean dzInJava = hasBias || eventDriven;
        if (dzInJava) {
            if (batchNorm) {
                Parallel.run((int) rows, Parallel.elementwiseParts(rows * n), (lo, hi, part) -> {
                    for (int row = lo; row < hi; row++) {
                        batchNormGradient(gDrive, row, gDrive, row * n);
                    }
                });
            }
            if (hasBias) {
                double[] db = new double[n];
                for (int r = 0; r < rows; r++) {
                    int base = r * n;
                    for (int j = 0; j < n; j++) {
                        db[j] += gDrive[base + j];
                    }
                }
                TimeMajor.write(db, gradViews.get(BIAS));
            }
        }
        INDArray dz = null;
        if (!eventDriven || inputGradient) {
            dz = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dt, new long[]{rows, n}, 'c');
            if (batchNorm && !dzInJava) {
                // the gradient through batch-norm goes straight into the GEMM operand, row by row
                TimeMajor.writeRows(dz, (int) rows, n, (row, out, at) -> batchNormGradient(gDrive, row, out, at));
            } else {
                TimeMajor.write(gDrive, dz);
            }
        }
        INDArray x = TimeMajor.matrix(input, ws, ArrayType.BP_WORKING_MEM);
        if (eventDriven && delays != null) {
            delays.eventWeightGradients(gDrive, (int) minibatch, gradViews);
        } else if (eventDriven) {
            events.weightGradient(x, (int) rows, gDrive, gradViews.get(W));
        } else if (delays != null) {
            delays.weightGradients(x, dz, minibatch, gradViews, ws);
        } else {
            Nd4j.gemm(x, dz, gradViews.get(W), true, false, 1.0, 0.0);
        }
        if (!inputGradient) {
            return null;
        }
        INDArray epsOut = TimeMajor.allocateNcw(ws, ArrayType.ACTIVATION_GRAD, dt, mb, nIn, steps);
        INDArray dx = TimeMajor.matrix(epsOut, ws, ArrayType.BP_WORKING_MEM);
        if (delays != null) {
            delays.inputGradient(dz, mb, dx, ws);
        } else {
            Nd4j.gemm(dz, w, dx, false, true, 1.0, 0.0);
        }
        return epsOut;
    }

    /** dL/d(BN input) needs these per-column sums: dBeta = sum g, dGamma = sum g xhat (valid rows; padding has g = 0). */
    private void batchNormSums(double[] g, Map<String, INDArray> gradViews) {
        int n = nOut;
        int r = (int) rows;
        double[] xh = xhat;
        // dBeta and dGamma side by side in one pass: [0, n) and [n, 2n) of the sums
        double[] sums = columnSums(r, 2 * n, (lo, hi, sum) -> {
            for (int row = lo; row < hi; row++) {
                int base = row * n;
                for (int j = 0; j < n; j++) {
                    double gj = g[base + j];
                    sum[j] += gj;
                    sum[n + j] += gj * xh[base + j];
                }
            }
        });
        dBeta = java.util.Arrays.copyOf(sums, n);
        dGamma = java.util.Arrays.copyOfRange(sums, n, 2 * n);
        TimeMajor.write(dGamma, gradViews.get(BN_GAMMA));
        TimeMajor.write(dBeta, gradViews.get(BN_BETA));
        TimeMajor.write(runMeanDelta, gradViews.get(BN_MEAN));
        TimeMajor.write(runVarDelta, gradViews.get(BN_VAR));
    }

    /**
     * Row {@code row} of dL/d(BN input) from row {@code row} of {@code g} (after
     * {@link #batchNormSums}) into {@code out[at ..]}, which may be that same row of g.
     */
    private void batchNormGradient(double[] g, int row, double[] out, int at) {
        int n = nOut;
        int base = row * n;
        if (valid != null && !valid[row]) {
            java.util.Arrays.fill(out, at, at + n, 0.0);
            return;
        }
        double count = Math.max(1, validRows);
        double[] xh = xhat;
        for (int j = 0; j < n; j++) {
            // d/dz of gamma * (z - mean) / std over the valid rows, the usual three terms
            out[at + j] = gamma[j] * invStd[j] / count * (count * g[base + j] - dBeta[j] - xh[base + j] * dGamma[j]);
        }
    }
}
