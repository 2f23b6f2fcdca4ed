package fundamentos.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Merges one summary per partition in the partitions' order, so that a job gives the same numbers
 * on every run. Spark's {@code reduce} and {@code treeReduce} merge results in the order tasks
 * finish, which changes from run to run; floating-point sums merged in another order differ in
 * their last bits (the PCA job's eigenvalues did, between two runs on the same partitions).
 *
 * <p>Up to {@link #DIRECT} partitions the summaries go to the driver and are merged there left to
 * right. With more, as {@code treeReduce} does, groups of about sqrt(P) consecutive partitions
 * are merged first on the executors (one shuffle of the P summaries), each group in index order,
 * and the driver merges the groups' results in group order: the driver receives about sqrt(P)
 * summaries, not P.
 */
final class PartitionOrder {

  /** The most partitions whose summaries go straight to the driver (treeReduce's bound). */
  static final int DIRECT = 5;

  private PartitionOrder() {
  }

  /**
   * The merge of each partition's summaries, in partition order.
   *
   * @param merge merges its second argument into its first and returns the first (it may reuse
   *     the first)
   * @throws JobException when no partition produced a summary
   */
  static <T extends Serializable> T reduce(JavaRDD<T> summaries, Function2<T, T, T> merge) {
    int partitions = summaries.getNumPartitions();
    List<Tuple2<Integer, T>> ordered;
    if (partitions <= DIRECT) {
      ordered = indexed(summaries).collect();
    } else {
      int group = (int) Math.ceil(Math.sqrt(partitions));
      int groups = (partitions + group - 1) / group;
      ordered = new ArrayList<>(indexed(summaries)
          .mapToPair(s -> new Tuple2<>(s._1() / group, s))
          .groupByKey(groups)
          .map(members -> new Tuple2<>(members._1(), inOrder(members._2(), merge)))
          .collect());
    }
    try {
      return inOrder(ordered, merge);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new JobException("Could not merge the partitions' summaries: " + e.getMessage(), e);
    }
  }

  /** Each summary with the index of its partition (and its place within it). */
  private static <T> JavaRDD<Tuple2<Integer, T>> indexed(JavaRDD<T> summaries) {
    return summaries.mapPartitionsWithIndex((index, values) -> {
      List<Tuple2<Integer, T>> tagged = new ArrayList<>();
      while (values.hasNext()) {
        tagged.add(new Tuple2<>(index, values.next()));
      }
      return tagged.iterator();
    }, true);
  }

  /** Merges the summaries left to right by their index. */
  private static <T> T inOrder(Iterable<Tuple2<Integer, T>> members, Function2<T, T, T> merge)
      throws Exception {
    List<Tuple2<Integer, T>> list = new ArrayList<>();
    members.forEach(list::add);
    list.sort((a, b) -> Integer.compare(a._1(), b._1()));
    Iterator<Tuple2<Integer, T>> each = list.iterator();
    if (!each.hasNext()) {
      throw new JobException("The input has no partitions to read");
    }
    T result = each.next()._2();
    while (each.hasNext()) {
      result = merge.call(result, each.next()._2());
    }
    return result;
  }
}
