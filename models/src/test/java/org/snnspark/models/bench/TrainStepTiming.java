package org.snnspark.models.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.neuron.NeuronType;

import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: a timing main for the sparch RadLIF training step (700 -> 2 x 128 -> 20, T 100,
 * float32, forward + backward + Adam as {@code MultiLayerNetwork.fit(DataSet)}). Prints the median
 * (and min) of repeated steps after warm-up, per batch size.
 * <pre>
 *   mvn -o -q -f models/pom.xml test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java --add-modules=jdk.incubator.vector -cp models/target/test-classes:models/target/classes:$(cat /tmp/cp.txt) \
 *       org.snnspark.models.bench.TrainStepTiming [batch,...] [reps] [neuronType] [density] [otherTypesTrainedFirst]
 * </pre>
 * {@code -Dbn=false}: without batch-norm (training's default is with); {@code -Dlr=1e-2}: Adam's rate.
 */
public final class TrainStepTiming {
    private TrainStepTiming() {
    }

    public static void main(String[] args) {
        int[] batches = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{128, 32};
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        NeuronType type = args.length > 2 ? NeuronType.valueOf(args[2]) : LifModel.RADLIF;
        double density = args.length > 3 ? Double.parseDouble(args[3]) : 0.03;
        int nIn = 700, steps = 100, classes = 20;
        if (args.length > 4) {
            // train other neuron models first, as a bench run does: their surrogates share call sites
            for (String other : args[4].split(",")) {
                MultiLayerNetwork o = new MultiLayerNetwork(NetworkBuilder.build(
                        new ModelSpec().withBatchNorm(false).withNeuron(NeuronType.valueOf(other))
                                .withHidden(128, 128), nIn, classes, 42,
                        new Adam(1e-3), DataType.FLOAT));
                o.init();
                DataSet ds = data(32, nIn, steps, classes, density, new Random(7));
                for (int i = 0; i < 20; i++) {
                    o.fit(ds);
                }
            }
        }
        ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(128, 128).withBatchNorm(Boolean.parseBoolean(System.getProperty("bn", "true")));
        MultiLayerConfiguration conf = NetworkBuilder.build(spec, nIn, classes, 42, new Adam(Double.parseDouble(System.getProperty("lr", "1e-3"))), DataType.FLOAT);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int mb : batches) {
            DataSet ds = data(mb, nIn, steps, classes, density, new Random(7));
            for (int i = 0; i < Math.max(5, reps / 2); i++) {
                net.fit(ds);
            }
            double[] ms = new double[reps];
            double[] cpu = new double[reps];
            double[] proc = new double[reps];
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int i = 0; i < reps; i++) {
                long p0 = os.getProcessCpuTime();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                net.fit(ds);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                proc[i] = (os.getProcessCpuTime() - p0) / 1e6;
            }
            Arrays.sort(cpu);
            Arrays.sort(proc);
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[reps / 2];
            System.out.printf("type=%s batch=%d T=%d reps=%d median=%.1f ms min=%.1f ms samples/s=%.0f (min-based %.0f) main-thread-cpu median=%.1f ms process-cpu median=%.1f ms score=%.4f load=%.2f%n",
                    type, mb, steps, reps, median, sorted[0], mb * 1000.0 / median, mb * 1000.0 / sorted[0], cpu[reps / 2], proc[reps / 2], net.score(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Binary spike input as an NCW view of a time-major array (what the reader produces), one-hot labels. */
    static DataSet data(int mb, int nIn, int steps, int classes, double density, Random r) {
        INDArray tm = Nd4j.create(DataType.FLOAT, steps, mb, nIn);
        float[] v = new float[steps * mb * nIn];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() < density ? 1f : 0f;
        }
        tm.assign(Nd4j.createFromArray(v).reshape(steps, mb, nIn));
        INDArray x = tm.permute(1, 2, 0);
        INDArray y = Nd4j.zeros(DataType.FLOAT, mb, classes);
        for (int b = 0; b < mb; b++) {
            y.putScalar(b, r.nextInt(classes), 1f);
        }
        return new DataSet(x, y);
    }
}
