package org.snnspark.models.spec;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.dl4j.SpikingLayer;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.testutil.Sequences;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark's parameter averaging fits minibatches on whichever executor thread is free. With the
 * same seed, training must give the same parameters whichever thread ran it and whatever that
 * thread's ND4J random generator went through before.
 */
class DropoutReproducibilityTest {

    private static MultiLayerNetwork net(double dropout) {
        ModelSpec spec = new ModelSpec().withBatchNorm(false).withNeuron(LifModel.RLIF).withHidden(16)
                .withDropout(dropout);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, 6, 3, 11, new Adam(1e-2)));
        net.init();
        return net;
    }

    private static DataSet data() {
        INDArray x = Sequences.features(DataType.FLOAT, 3, 5, 6, 15, 8.0);
        return new DataSet(x, Sequences.oneHot(DataType.FLOAT, 5, 3),
                Sequences.endPaddingMask(DataType.FLOAT, 15, 15, 12, 9, 15, 4), null);
    }

    private static INDArray fit(MultiLayerNetwork net, DataSet ds) {
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
        }
        return net.params().dup();
    }

    @Test
    void sameSeedSameResultOnAnyThread() throws Exception {
        DataSet ds = data();
        MultiLayerNetwork here = net(0.3);
        MultiLayerNetwork there = net(0.3);
        assertEquals(here.params(), there.params());

        // this thread's generator has moved on; the worker thread's is seeded differently
        Nd4j.getRandom().setSeed(987);
        Nd4j.rand(DataType.FLOAT, 100);
        INDArray onThisThread = fit(here, ds);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            INDArray onWorker = worker.submit(() -> {
                Nd4j.getRandom().setSeed(123456);
                return fit(there, ds);
            }).get();
            // bit for bit, not within INDArray.equals' tolerance
            assertArrayEquals(onThisThread.toDoubleVector(), onWorker.toDoubleVector(), 0.0);
        } finally {
            worker.shutdownNow();
        }
        // and dropout did act (the first layer spikes): without it the result differs
        assertTrue(((SpikingLayer) here.getLayer(0)).lastFiringRate() > 0.01);
        INDArray without = fit(net(0.0), ds);
        assertFalse(java.util.Arrays.equals(onThisThread.toDoubleVector(), without.toDoubleVector()));
    }
}
