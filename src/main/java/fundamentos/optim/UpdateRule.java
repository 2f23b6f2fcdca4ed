package fundamentos.optim;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One gradient-based update rule of the course (section 3.3): given the gradient of the loss at the
 * current parameters, move the parameters in place. A rule keeps its own state (velocity, squared
 * gradient averages, step count) for exactly one parameter array, created on the first step.
 */
public interface UpdateRule {

  /**
   * Applies one update to {@code params} in place.
   *
   * @param params the parameters, changed in place
   * @param gradient the gradient of the loss at {@code params}, same shape; not changed
   */
  void step(INDArray params, INDArray gradient);

  /** The step size eta. */
  double learningRate();

  /** Changes the step size from the next step on (a learning-rate schedule); the state is kept. */
  void setLearningRate(double learningRate);

  /**
   * The rule's state, for parameter averaging across workers (DL4J's
   * ParameterAveragingTrainingMaster averages the updater's state with the parameters): each array
   * the rule keeps (the velocity; AdaGrad's sum and RMSProp's average of squared gradients; Adam's
   * two moments), flattened, copied; one the rule has not made yet (before its first step) is
   * zeros. Plain SGD keeps none.
   *
   * @param params the parameters the state belongs to (its shape and type)
   */
  default double[][] state(INDArray params) {
    return new double[0][];
  }

  /**
   * Puts back a state of {@link #state} (perhaps averaged over workers): the next step goes on from
   * it as if this rule had taken the steps.
   */
  default void setState(INDArray params, double[][] state) {
    if (state.length != 0) {
      throw new IllegalArgumentException("this rule keeps no state, not " + state.length + " arrays");
    }
  }

  /** The steps taken so far, for the rules whose update depends on it (Adam's t); 0 for the others. */
  default long stepsTaken() {
    return 0;
  }

  /** Sets the count of {@link #stepsTaken()} (a worker that goes on from a driver's state). */
  default void setStepsTaken(long steps) {
  }

  /** A rule's state arrays as {@link #state} gives them: each flattened, zeros when not made yet. */
  static double[][] vectors(INDArray params, INDArray... arrays) {
    double[][] state = new double[arrays.length][];
    for (int i = 0; i < arrays.length; i++) {
      state[i] = arrays[i] == null ? new double[(int) params.length()]
          : arrays[i].ravel().toDoubleVector();
    }
    return state;
  }

  /**
   * A rule's state arrays from {@link #state} vectors, shaped and typed like {@code params},
   * outside any workspace (see {@link #zerosLike}).
   *
   * @param count the number of arrays the rule keeps
   */
  static INDArray[] arrays(INDArray params, double[][] state, int count) {
    if (state.length != count) {
      throw new IllegalArgumentException(count + " state arrays expected, not " + state.length);
    }
    INDArray[] arrays = new INDArray[count];
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (int i = 0; i < count; i++) {
        if (state[i].length != params.length()) {
          throw new IllegalArgumentException("a state of " + state[i].length + " values for "
              + params.length() + " parameters");
        }
        arrays[i] = Nd4j.createFromArray(state[i]).castTo(params.dataType()).reshape(params.shape());
      }
    }
    return arrays;
  }

  /**
   * A zero array shaped like {@code params} for a rule's state. It is allocated outside any ND4J
   * workspace, because a trainer may run the step inside one and the state must outlive it.
   */
  static INDArray zerosLike(INDArray params) {
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return Nd4j.zeros(params.dataType(), params.shape());
    }
  }

  /**
   * The denominator of the adaptive rules (AdaGrad, RMSProp, Adam), a new array: sqrt(s) + eps
   * (PyTorch's form, the package's default), or sqrt(s + eps) with
   * {@code epsilonInsideRoot} (the course's Eqs. 3.59 and 3.62), computed in place in {@code s}
   * (pass a copy of a rule's state).
   */
  static INDArray rootPlusEpsilon(INDArray s, double epsilon, boolean epsilonInsideRoot) {
    return epsilonInsideRoot ? Transforms.sqrt(s.addi(epsilon), false)
        : Transforms.sqrt(s, false).addi(epsilon);
  }
}
