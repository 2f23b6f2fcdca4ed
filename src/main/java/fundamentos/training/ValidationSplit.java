package fundamentos.training;

import fundamentos.data.StratifiedSplit;
import java.util.Random;

/**
 * The examples that train and those that early stopping measures. With early stopping
 * (patience above 0) a stratified part of the examples is held out, drawn from the seed
 * ({@link StratifiedSplit}); without it, or when the split would leave either part empty or
 * every training example of weight 0, all examples train and none is held out.
 *
 * @param training the indices of the training examples
 * @param validation the indices of the held-out examples (empty without early stopping)
 */
public record ValidationSplit(int[] training, int[] validation) {

  /**
   * @param labels the class of each example, 0..numClasses-1
   * @param weights the instance weight of each example
   * @param patience the early-stopping patience: 0 or less holds nothing out
   * @param fraction the fraction held out with early stopping, in (0, 1)
   * @param seed the seed of the draw
   */
  public static ValidationSplit of(int[] labels, double[] weights, int numClasses, int patience,
      double fraction, long seed) {
    if (patience > 0) {
      StratifiedSplit split = StratifiedSplit.of(labels, numClasses, fraction, new Random(seed));
      if (split.training().length > 0 && split.validation().length > 0
          && weightOf(weights, split.training()) > 0) {
        return new ValidationSplit(split.training(), split.validation());
      }
    }
    int[] all = new int[labels.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return new ValidationSplit(all, new int[0]);
  }

  /** Whether examples are held out for early stopping. */
  public boolean hasValidation() {
    return validation.length > 0;
  }

  private static double weightOf(double[] weights, int[] rows) {
    double total = 0;
    for (int row : rows) {
      total += weights[row];
    }
    return total;
  }
}
