package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;

/** sparch's surrogate: derivative 1 on (-halfWidth, halfWidth], 0 elsewhere; step forward. */
public final class Boxcar extends StepSurrogate {
    private final double halfWidth;

    public Boxcar(double halfWidth) {
        this.halfWidth = positive("boxcar half width", halfWidth);
    }

    /** The surrogate's half width: the derivative is 1 on (-halfWidth, halfWidth]. */
    public double halfWidth() {
        return halfWidth;
    }

    @Override
    public double derivative(double x) {
        // sparch zeroes the gradient where x <= -0.5 or x > 0.5: the interval is open on the left
        return x > -halfWidth && x <= halfWidth ? 1.0 : 0.0;
    }

    @Override
    public int support(double[] x, int off, int len, double shift, int[] out) {
        int count = 0;
        for (int i = 0; i < len; i++) {
            // the same arithmetic as derivative(x - shift), so the two agree at the interval's ends
            double d = x[off + i] - shift;
            // no branch per neuron: which side of the interval a membrane is on is unpredictable
            // and a mispredicted branch costs more than the store; every index is
            // written, kept only when the count moves past it
            out[count] = i;
            count += d > -halfWidth & d <= halfWidth ? 1 : 0;
        }
        return count;
    }

    @Override
    public boolean hasBoundedSupport() {
        return true;
    }

    @Override
    public INDArray derivative(INDArray x) {
        return x.gt(-halfWidth).castTo(x.dataType()).muli(x.lte(halfWidth).castTo(x.dataType()));
    }
}
