package org.snnspark.models.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import org.snnspark.models.surrogate.ArcTan;
import org.snnspark.models.surrogate.Boxcar;
import org.snnspark.models.surrogate.FastSigmoid;
import org.snnspark.models.surrogate.MultiGaussian;
import org.snnspark.models.surrogate.SpikeFunction;

/**
 * The spike functions' surrogate derivatives on SIMD lanes, for the kernels' SIMD backward loops:
 * each the same operations in the same order as its function's scalar {@code derivative}, so the
 * same bits (SimdTwinsTest). All of them spike by the heaviside step ({@link #spike}). A row's
 * derivatives go through an array, not a returned vector: the kernels call one form or another
 * through this class, and a vector crossing a call C2 does not inline is boxed. The
 * multi-Gaussian's exponentials stay scalar ({@link Math#exp}'s bits have no lane form); its
 * divisions and the rest run on lanes around them. Linked only when {@link VectorSupport#ENABLED}.
 */
public abstract class SurrogateLanes {
    static final jdk.incubator.vector.VectorSpecies<Double> SPECIES = SimdLanes.FOUR;

    /** The lane form of {@code f}, or null when it has none (then the kernels run their scalar loops). */
    static SurrogateLanes of(SpikeFunction f) {
        if (f instanceof Boxcar box) {
            return new BoxcarLanes(box.halfWidth());
        }
        if (f instanceof FastSigmoid fs) {
            return new FastSigmoidLanes(fs.scale());
        }
        if (f instanceof ArcTan at) {
            return new ArcTanLanes(at.alpha());
        }
        if (f instanceof MultiGaussian mg) {
            return new MultiGaussianLanes(mg.sigma());
        }
        return null;
    }

    /** Scratch for rows at offsets below {@code size}; called before the threads start. */
    void ensure(int size) {
    }

    /**
     * {@code out[oo + j] = derivative(x[xo + j])} for j below {@code bound}, a multiple of the
     * lane count; {@code out} may be {@code x} at the same offset.
     */
    public abstract void derivative(double[] x, int xo, double[] out, int oo, int bound);

    /** The heaviside step of every lane: a spike for x strictly above 0. */
    public static DoubleVector spike(DoubleVector x) {
        return DoubleVector.zero(SPECIES).blend(1.0, x.compare(VectorOperators.GT, 0.0));
    }

    private static final class BoxcarLanes extends SurrogateLanes {
        private final double halfWidth;

        BoxcarLanes(double halfWidth) {
            this.halfWidth = halfWidth;
        }

        @Override
        public void derivative(double[] x, int xo, double[] out, int oo, int bound) {
            DoubleVector zero = DoubleVector.zero(SPECIES);
            for (int j = 0; j < bound; j += SPECIES.length()) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, x, xo + j);
                zero.blend(1.0, v.compare(VectorOperators.GT, -halfWidth).and(v.compare(VectorOperators.LE, halfWidth)))
                        .intoArray(out, oo + j);
            }
        }
    }

    private static final class FastSigmoidLanes extends SurrogateLanes {
        private final double scale;

        FastSigmoidLanes(double scale) {
            this.scale = scale;
        }

        @Override
        public void derivative(double[] x, int xo, double[] out, int oo, int bound) {
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            for (int j = 0; j < bound; j += SPECIES.length()) {
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, xo + j).abs().mul(scale).add(1.0);
                one.div(d.mul(d)).intoArray(out, oo + j);
            }
        }
    }

    private static final class ArcTanLanes extends SurrogateLanes {
        private final double zScale;
        private final double height;

        ArcTanLanes(double alpha) {
            this.zScale = Math.PI / 2 * alpha;
            this.height = alpha / 2;
        }

        @Override
        public void derivative(double[] x, int xo, double[] out, int oo, int bound) {
            DoubleVector h = DoubleVector.broadcast(SPECIES, height);
            for (int j = 0; j < bound; j += SPECIES.length()) {
                DoubleVector z = DoubleVector.fromArray(SPECIES, x, xo + j).mul(zScale);
                h.div(z.mul(z).add(1.0)).intoArray(out, oo + j);
            }
        }
    }

    /**
     * Three Gaussians, each {@code exp(-d d / (2 s s)) / sqrt(2 pi) / s}: the exponents on lanes,
     * the exponentials in a scalar loop, the divisions and the sum on lanes again.
     */
    private static final class MultiGaussianLanes extends SurrogateLanes {
        private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
        private static final double CENTRE = 1 + MultiGaussian.HEIGHT;
        private final double sigma;
        private final double wide;
        private double[] centre;
        private double[] right;
        private double[] left;

        MultiGaussianLanes(double sigma) {
            this.sigma = sigma;
            this.wide = MultiGaussian.WIDE * sigma;
        }

        @Override
        void ensure(int size) {
            centre = Buffers.ensure(centre, size);
            right = Buffers.ensure(right, size);
            left = Buffers.ensure(left, size);
        }

        @Override
        public void derivative(double[] x, int xo, double[] out, int oo, int bound) {
            for (int j = 0; j < bound; j += SPECIES.length()) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, x, xo + j);
                exponent(v, 0, sigma).intoArray(centre, oo + j);
                exponent(v, sigma, wide).intoArray(right, oo + j);
                exponent(v, -sigma, wide).intoArray(left, oo + j);
            }
            for (int j = oo; j < oo + bound; j++) {
                centre[j] = Math.exp(centre[j]);
                right[j] = Math.exp(right[j]);
                left[j] = Math.exp(left[j]);
            }
            for (int j = 0; j < bound; j += SPECIES.length()) {
                DoubleVector c = DoubleVector.fromArray(SPECIES, centre, oo + j).div(SQRT_2PI).div(sigma);
                DoubleVector r = DoubleVector.fromArray(SPECIES, right, oo + j).div(SQRT_2PI).div(wide);
                DoubleVector l = DoubleVector.fromArray(SPECIES, left, oo + j).div(SQRT_2PI).div(wide);
                c.mul(CENTRE).sub(r.mul(MultiGaussian.HEIGHT)).sub(l.mul(MultiGaussian.HEIGHT)).mul(MultiGaussian.GAMMA)
                        .intoArray(out, oo + j);
            }
        }

        /**
         * -d d / (2 s s) with d = x - mu, as (d d) / -(2 s s): the same value up to the sign of a
         * zero, which exp does not see. Static, so C2 inlines it and the vectors stay in registers.
         */
        private static DoubleVector exponent(DoubleVector x, double mu, double s) {
            DoubleVector d = x.sub(mu);
            return d.mul(d).div(-(2 * s * s));
        }
    }
}
