package fundamentos.optim;

/**
 * The hyperparameters of one update rule, from which every training run makes a fresh
 * {@link UpdateRule} (the rule's state, velocity or moment estimates, belongs to one run). The Weka
 * option objects that a user edits implement it, so that the option checks shared by the schemes
 * ({@code fundamentos.weka.TrainingOptions}) can try the settings without knowing the adapters.
 */
public interface OptimizerSettings {

  /**
   * A new update rule with these settings and fresh state.
   *
   * @throws IllegalArgumentException naming the setting, when one is out of its range
   */
  UpdateRule newUpdateRule();
}
