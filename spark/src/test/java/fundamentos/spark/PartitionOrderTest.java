package fundamentos.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Summaries are merged in partition order, whatever order the tasks finish in: a merge that is
 * not commutative (joining texts) shows the order, on the driver alone (few partitions) and through
 * the groups merged on the executors (many).
 */
class PartitionOrderTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 6, 12, 50})
  void mergesInPartitionOrder(int partitions) {
    List<String> values = new ArrayList<>();
    IntStream.range(0, partitions).forEach(i -> values.add("<" + i + ">"));
    JavaRDD<String> summaries = LocalSpark.context().parallelize(values, partitions)
        // later partitions finish first
        .map(v -> {
          Thread.sleep(Math.max(0, 40 - 4 * Integer.parseInt(v.substring(1, v.length() - 1))));
          return v;
        });
    assertEquals(String.join("", values), PartitionOrder.reduce(summaries, (a, b) -> a + b));
  }
}
