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
