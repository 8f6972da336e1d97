package org.snnspark.pipeline.distributed;

/**
 * How the driver turns the workers' parameters after a round into the next round's parameters.
 * Let x be the parameters every worker started the round from, x_i worker i's after its inner
 * (Adam) steps, and d = mean_i(x_i) - x the round's averaged change.
 * <ul>
 *   <li>{@link #PLAIN}: x &lt;- x + d, i.e. the mean of the workers' parameters (DL4J's
 *       {@code ParameterAveragingTrainingMaster}).</li>
 *   <li>{@link #NESTEROV}: the averaged change is an outer step taken with Nesterov momentum
 *       (SlowMo, Wang et al. ICLR 2020; DiLoCo, Douillard et al. 2023):
 *       u &lt;- m u + d;  x &lt;- x + lr_outer (d + m u). With m = 0 and lr_outer = 1 it is PLAIN.</li>
 * </ul>
 * Either way the inner optimizer's state (Adam's moments) is averaged, and parameters that are
 * statistics rather than trained (batch-norm running mean and variance: those with a NoOp updater)
 * never take momentum: they follow {@link StatisticsDecay}.
 */
public enum Averaging {
  PLAIN,
  NESTEROV
}
