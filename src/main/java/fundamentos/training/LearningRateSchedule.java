package fundamentos.training;

/**
 * The step size by epoch: constant, step decay (multiplied by gamma every {@code step} epochs) or
 * cosine annealing from eta to 0 over the planned epochs (Loshchilov and Hutter 2017, without
 * restarts): eta_t = eta / 2 * (1 + cos(pi t / T)) for epoch t = 0 .. T - 1.
 */
public record LearningRateSchedule(Kind kind, int step, double gamma) {

  /** The shape of the schedule. */
  public enum Kind { CONSTANT, STEP, COSINE }

  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(Kind.CONSTANT, 1, 1);
  }

  public LearningRateSchedule {
    if (kind == Kind.STEP && (step < 1 || !(gamma > 0))) {
      throw new IllegalArgumentException("A step schedule needs a step >= 1 epoch and gamma > 0, not "
          + step + " and " + gamma);
    }
  }

  /**
   * @param base the learning rate at epoch 0
   * @param epoch the epoch about to run, from 0
   * @param epochs the planned number of epochs
   */
  public double rate(double base, int epoch, int epochs) {
    return switch (kind) {
      case CONSTANT -> base;
      case STEP -> base * Math.pow(gamma, epoch / step);
      case COSINE -> epochs <= 1 ? base
          : base / 2 * (1 + Math.cos(Math.PI * Math.min(epoch, epochs - 1) / epochs));
    };
  }
}
