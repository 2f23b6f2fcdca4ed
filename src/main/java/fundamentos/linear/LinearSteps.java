package fundamentos.linear;

import fundamentos.optim.UpdateRule;
import fundamentos.training.TrainableModel;
import fundamentos.training.TrainingLoop;
import java.util.Random;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@link LinearModel}'s part of the shared {@link TrainingLoop}: a gradient step on a mini-batch,
 * the losses, the parameters (see {@link SoftmaxTrainer} for the weighting of a mini-batch).
 */
final class LinearSteps implements TrainableModel {

  /**
   * Every temporary of a step lives in one reused workspace: allocating and freeing off-heap memory
   * for each of a step's small arrays cost more than the arithmetic.
   */
  private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
      .initialSize(0).policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
      .build();

  final LinearModel model;
  private final SoftmaxTrainer.Batch training;
  private final SoftmaxTrainer.Batch validation;
  /** The instance weights as columns, made once: every epoch's loss needs them. */
  private final INDArray trainingWeights;
  private final INDArray validationWeights;
  private final boolean uniformWeights;
  /** W / n: a mini-batch of b rows is expected to weigh b times this. */
  private final double meanWeight;
  private final double l2;
  /** The epoch's shuffled copy: each mini-batch is a view of consecutive rows of it. */
  private INDArray inputs;
  private INDArray targets;
  private INDArray weightColumn;

  LinearSteps(LinearModel model, SoftmaxTrainer.Batch training, SoftmaxTrainer.Batch validation, double l2) {
    this.model = model;
    this.training = training;
    // a validation part of zero weight has no loss to compare (0 / 0): no early stopping then
    this.validation = validation == null || validation.size() == 0 || !(validation.totalWeight() > 0)
        ? null : validation;
    this.trainingWeights = training.weightColumn();
    this.validationWeights = this.validation == null ? null : this.validation.weightColumn();
    this.uniformWeights = training.uniformWeights();
    this.meanWeight = training.totalWeight() / training.size();
    if (!(meanWeight > 0) || Double.isInfinite(meanWeight)) {
      throw new IllegalArgumentException("the instance weights of the training rows sum to "
          + training.totalWeight() + ": at least one row needs a positive, finite weight");
    }
    this.l2 = l2;
  }

  @Override
  public int trainingSize() {
    return training.size();
  }

  @Override
  public void startEpoch(int epoch, int[] order) {
    inputs = Nd4j.pullRows(training.inputs(), 1, order);
    targets = Nd4j.pullRows(training.targets(), 1, order);
    weightColumn = uniformWeights ? null : Nd4j.pullRows(trainingWeights, 1, order);
  }

  @Override
  public void step(int from, int to, UpdateRule rule, Random random) {
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
        .getAndActivateWorkspace(STEP, "fundamentos-linear-step")) {
      INDArray gradient = model.gradient(
          inputs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
          targets.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
          uniformWeights ? null : weightColumn.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
          uniformWeights ? (to - from) : (to - from) * meanWeight, l2);
      rule.step(model.parameters(), gradient);
    }
  }

  /** The penalised loss of the whole training part; the epoch's shuffled copy is let go. */
  @Override
  public double trainingLoss() {
    inputs = null;
    targets = null;
    weightColumn = null;
    return model.loss(training.inputs(), training.targets(), trainingWeights, l2);
  }

  @Override
  public double trainingAccuracy() {
    return Double.NaN;
  }

  @Override
  public boolean hasValidation() {
    return validation != null;
  }

  /** The validation loss is the model's loss without the penalty; accuracy is not measured. */
  @Override
  public double[] validation() {
    return new double[] {model.loss(validation.inputs(), validation.targets(), validationWeights, 0),
        Double.NaN};
  }

  @Override
  public double trainingWeight() {
    return training.totalWeight();
  }

  @Override
  public double validationWeight() {
    return validation == null ? 0 : validation.totalWeight();
  }

  @Override
  public INDArray copyOfParameters() {
    return model.parameters().dup();
  }

  @Override
  public void setParameters(INDArray parameters) {
    model.setParameters(parameters);
  }
}
