package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.SpikeCountMse;
import org.snnspark.models.engine.StepMask;
import org.snnspark.models.engine.TimeMajor;

import java.util.Arrays;
import java.util.List;

/**
 * DL4J implementation of {@link SpikeCountOutput}. Every entry point DL4J uses (activate,
 * computeScore, backprop) recounts from the current input: the network does not call activate on
 * its output layer before scoring, and counting is one pass over [T, mb, C].
 * <p>
 * Masks: the features mask arrives through {@link #feedForwardMaskArray} (it decides which steps
 * count and T_b); a labels mask, if any, through {@link #setMaskArray} (weights per sample or per
 * output). DL4J clears masks with {@code setMaskArray(null)}, which clears both.
 */
public class SpikeCountOutputImpl extends BaseLayer<SpikeCountOutput> implements IOutputLayer {
    private static final long serialVersionUID = 1L;

    private INDArray labels;
    private transient INDArray stepMask;
    private transient SpikeCountMse loss;
    private transient boolean[] valid;
    private transient double[] spikes;
    private transient double[] counts;
    private transient double[] validSteps;
    private transient int mb;
    private transient int classes;
    private transient int steps;

    public SpikeCountOutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray params() {
        return null;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.stepMask = maskArray;
        // the time axis ends here
        return null;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        super.setMaskArray(maskArray);
        if (maskArray == null) {
            stepMask = null;
        }
    }

    /** Counts spikes per sample and output over the valid steps of the current input. */
    private void count(LayerWorkspaceMgr ws, ArrayType work) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("SpikeCountOutput " + layerId()
                    + " expects spikes [minibatch, classes, time], got " + Arrays.toString(input.shape()));
        }
        mb = Math.toIntExact(input.size(0));
        classes = Math.toIntExact(input.size(1));
        steps = Math.toIntExact(input.size(2));
        valid = StepMask.validRows(stepMask, mb, steps);
        spikes = Buffers.ensure(spikes, (long) mb * classes * steps);
        TimeMajor.read(TimeMajor.matrix(input, ws, work), spikes);
        counts = new double[mb * classes];
        validSteps = new double[mb];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < mb; b++) {
                int row = t * mb + b;
                if (valid != null && !valid[row]) {
                    continue;
                }
                validSteps[b]++;
                for (int c = 0; c < classes; c++) {
                    counts[b * classes + c] += spikes[row * classes + c];
                }
            }
        }
    }

    /** Evaluates the loss of the current input and labels. */
    private SpikeCountMse evaluate(LayerWorkspaceMgr ws, ArrayType work) {
        if (labels == null) {
            throw new IllegalStateException("SpikeCountOutput " + layerId() + ": no labels set");
        }
        count(ws, work);
        if (labels.size(0) != mb || labels.size(1) != classes) {
            throw new IllegalArgumentException("labels must be [" + mb + ", " + classes + "], got "
                    + Arrays.toString(labels.shape()));
        }
        if (loss == null) {
            loss = layerConf().loss();
        }
        double[] y = new double[mb * classes];
        TimeMajor.read(labels.dup('c'), y);
        loss.evaluate(counts, validSteps, y, labelWeights(), mb, classes);
        return loss;
    }

    /** The labels mask as weights per (sample, output), or null. */
    private double[] labelWeights() {
        if (maskArray == null) {
            return null;
        }
        double[] w = new double[mb * classes];
        if (maskArray.length() == mb) {
            double[] perSample = new double[mb];
            TimeMajor.read(maskArray.dup('c'), perSample);
            for (int b = 0; b < mb; b++) {
                Arrays.fill(w, b * classes, (b + 1) * classes, perSample[b]);
            }
        } else if (maskArray.length() == (long) mb * classes) {
            TimeMajor.read(maskArray.dup('c'), w);
        } else {
            throw new IllegalArgumentException("labels mask must be [" + mb + ", 1] or [" + mb + ", " + classes
                    + "], got " + Arrays.toString(maskArray.shape()));
        }
        return w;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        count(ws, ArrayType.FF_WORKING_MEM);
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{mb, classes}, 'c');
        TimeMajor.write(counts, out);
        return out;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr ws) {
        score = evaluate(ws, ArrayType.FF_WORKING_MEM).mean() + fullNetRegTerm;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr ws) {
        double[] perExample = evaluate(ws, ArrayType.FF_WORKING_MEM).perExample().clone();
        for (int b = 0; b < perExample.length; b++) {
            perExample[b] += fullNetRegTerm;
        }
        INDArray out = ws.create(ArrayType.ACTIVATIONS, dataType, new long[]{mb, 1}, 'c');
        TimeMajor.write(perExample, out);
        return out;
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr ws) {
        score = evaluate(ws, ArrayType.FF_WORKING_MEM).mean();
    }

    /**
     * dL/d(spikes) of the summed loss (DL4J's convention): the same value at every valid step of a
     * sample and output, zero on padding; handed on as a time-major NCW view.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        SpikeCountMse l = evaluate(ws, ArrayType.BP_WORKING_MEM);
        // the spikes are counted: their array takes the gradient
        double[] g = spikes;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < mb; b++) {
                int row = t * mb + b;
                boolean ok = valid == null || valid[row];
                for (int c = 0; c < classes; c++) {
                    g[row * classes + c] = ok ? l.coefficient(b, c) : 0.0;
                }
            }
        }
        INDArray eps = TimeMajor.allocateNcw(ws, ArrayType.ACTIVATION_GRAD, dataType, mb, classes, steps);
        TimeMajor.write(g, TimeMajor.matrix(eps, ws, ArrayType.ACTIVATION_GRAD));
        return new Pair<>(new DefaultGradient(), eps);
    }

    @Override
    public Gradient gradient() {
        return new DefaultGradient();
    }

    @Override
    public Pair<Gradient, Double> gradientAndScore() {
        return new Pair<>(gradient(), score());
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public double f1Score(DataSet data) {
        return f1Score(data.getFeatures(), data.getLabels());
    }

    /** F1 of the most-firing output as prediction, on spikes of this layer's input shape. */
    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        Evaluation eval = new Evaluation();
        eval.eval(labels, activate(examples, false, LayerWorkspaceMgr.noWorkspacesImmutable()));
        return eval.f1();
    }

    @Override
    public int numLabels() {
        return (int) layerConf().getNOut();
    }

    @Override
    public int[] predict(INDArray examples) {
        INDArray counts = activate(examples, false, LayerWorkspaceMgr.noWorkspacesImmutable());
        return counts.argMax(1).toIntVector();
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        throw new UnsupportedOperationException("SpikeCountOutput has no label names: use predict(INDArray)");
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw notStandalone();
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw notStandalone();
    }

    @Override
    public void fit(DataSet data) {
        throw notStandalone();
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw notStandalone();
    }

    private static UnsupportedOperationException notStandalone() {
        return new UnsupportedOperationException("SpikeCountOutput has no parameters: train the network it ends");
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
    }
}
