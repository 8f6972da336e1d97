package org.snnspark.pipeline.sweep;

import java.util.List;

/**
 * A trial having trained to a rung (the last rung: its {@code epochs}, the trial finished): one
 * journal entry of the sweep, what {@code sweep --resume} rebuilds the sweep's state from.
 *
 * @param rung 0 for the first epoch budget; the number of rungs for a finished trial
 * @param epochs the epochs trained so far
 * @param metric the sweep's metric after them (NaN when the run has no such score)
 * @param firstEpoch the first epoch this job trained: 1 for a new trial, the previous rung's
 *     epochs + 1 for a promoted one continuing from its checkpoint
 * @param seconds this job's wall time
 * @param testAccuracy the kept model's, for a finished trial (null otherwise or without a test split)
 */
public record RungResult(String trial, int rung, int epochs, double metric, int firstEpoch, double seconds,
    int bestEpoch, Double testAccuracy, List<Double> validAccuracy, List<Double> trainLoss) {}
