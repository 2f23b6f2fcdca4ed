package fundamentos.spark;

import weka.classifiers.functions.Logistic;
import weka.core.Instance;

/**
 * Weka's Logistic, made to take a while for each row it scores (a test's model, so that a job's
 * tasks last long enough to lose a worker in the middle of one): its probabilities are Logistic's.
 */
public class SlowLogistic extends Logistic {

  private static final long serialVersionUID = 1L;

  /** How long each row takes, in milliseconds. */
  int delayMillis;

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    if (delayMillis > 0) {
      Thread.sleep(delayMillis);
    }
    return super.distributionForInstance(instance);
  }
}
