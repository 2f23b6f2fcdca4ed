package fundamentos.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

  @Test
  void eachClassGivesItsShareAndTheSplitIsAPartition() {
    int[] labels = new int[100];
    for (int i = 0; i < 100; i++) {
      labels[i] = i < 80 ? 0 : 1;
    }
    StratifiedSplit split = StratifiedSplit.of(labels, 2, 0.1, new Random(1));
    assertEquals(8, IntStream.of(split.validation()).filter(i -> labels[i] == 0).count());
    assertEquals(2, IntStream.of(split.validation()).filter(i -> labels[i] == 1).count());
    int[] all = IntStream.concat(IntStream.of(split.training()), IntStream.of(split.validation()))
        .sorted().toArray();
    assertArrayEquals(IntStream.range(0, 100).toArray(), all);
  }

  @Test
  void sameSeedSameSplit() {
    int[] labels = new Random(5).ints(50, 0, 3).toArray();
    assertArrayEquals(StratifiedSplit.of(labels, 3, 0.2, new Random(9)).validation(),
        StratifiedSplit.of(labels, 3, 0.2, new Random(9)).validation());
  }
}
