package fundamentos.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A stratified hold-out split: each class gives the same fraction of its instances to the
 * validation part (rounded, at least one from every class with two or more instances), chosen at
 * random with the given generator, so the split is reproducible from a seed.
 */
public final class StratifiedSplit {

  private final int[] training;
  private final int[] validation;

  private StratifiedSplit(int[] training, int[] validation) {
    this.training = training;
    this.validation = validation;
  }

  /**
   * Splits indices 0..labels.length-1.
   *
   * @param labels the class of each instance, 0..numClasses-1
   * @param numClasses the number of classes
   * @param validationFraction the fraction held out, in (0, 1)
   * @param random the source of randomness
   */
  public static StratifiedSplit of(int[] labels, int numClasses, double validationFraction, Random random) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must lie strictly between 0 and 1");
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> valid = new ArrayList<>();
    for (List<Integer> members : byClass) {
      java.util.Collections.shuffle(members, random);
      int held = (int) Math.round(members.size() * validationFraction);
      if (held == 0 && members.size() >= 2) {
        held = 1;
      }
      valid.addAll(members.subList(0, held));
      train.addAll(members.subList(held, members.size()));
    }
    java.util.Collections.sort(train);
    java.util.Collections.sort(valid);
    return new StratifiedSplit(train.stream().mapToInt(Integer::intValue).toArray(),
        valid.stream().mapToInt(Integer::intValue).toArray());
  }

  public int[] training() {
    return training.clone();
  }

  public int[] validation() {
    return validation.clone();
  }
}
