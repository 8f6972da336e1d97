package org.snnspark.pipeline.distributed;

/**
 * How many minibatches a worker may fit between averagings before the local steps cost epochs.
 *
 * <p>Between two averagings each of N workers takes f Adam steps on its own minibatches at N
 * times one worker's learning rate (see {@link AdamScaling}), so each moves about as far as one
 * worker would in f x N minibatches. Their mean stands for one worker's f x N minibatches only
 * while the N paths stay close; the longer they run apart, the more the mean of their endpoints
 * differs from where one path through all their data would have gone (Lin et al., "Don't use large
 * mini-batches, use local SGD", ICLR 2020). How far that is depends on f x N and the learning rate,
 * not on the size of the dataset, so the bound is on f x N: {@code --averaging-frequency auto}
 * keeps it at most {@link #ONE_WORKER_MINIBATCHES}. One worker is unbounded; 2 workers fit at most
 * 4 minibatches a round, 4 at most 2, and 8 or more average after every minibatch. On the bench's
 * time-to-accuracy dataset 8 workers needed about an eighth more epochs at f = 2 (f x N = 16) than
 * at f = 1 (docs/distributed.md).
 */
public final class LocalSteps {
  /** The most minibatches of one worker's training a round may stand for (f x N). */
  public static final int ONE_WORKER_MINIBATCHES = 8;

  private LocalSteps() {
  }

  /** The largest averaging frequency {@code auto} may pick for {@code workers} workers. */
  public static int maxFrequency(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    return workers == 1 ? Integer.MAX_VALUE : Math.max(1, ONE_WORKER_MINIBATCHES / workers);
  }
}
