package fundamentos.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fundamentos.nd4j.Nd4jRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written encoder block against PyTorch's own torch.nn.TransformerEncoderLayer (numbers
 * made by src/test/resources/reference/pytorch_encoder_block.py, committed beside it): outputs
 * and the gradients of the input and of every parameter, post- and pre-norm, ReLU and GELU (tanh
 * form), with a padded token.
 */
class PyTorchEncoderBlockTest {

  private static final String[] NAMES = {"Wq", "bq", "Wk", "bk", "Wv", "bv", "Wo", "bo", "W1",
      "b1", "W2", "b2", "gain1", "bias1", "gain2", "bias2"};

  @BeforeAll
  static void start() {
    Nd4jRuntime.setThreads(1);
  }

  /** One case's header ("case label preNorm gelu") and its named arrays. */
  private record Case(String label, boolean preNorm, boolean gelu, Map<String, double[]> values) {
  }

  private static List<Case> reference() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = PyTorchEncoderBlockTest.class.getResourceAsStream(
        "/reference/pytorch_encoder_block.txt")) {
      String[] header = null;
      Map<String, double[]> values = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        if (parts[0].equals("case")) {
          header = parts;
          values = new HashMap<>();
        } else if (parts[0].equals("end")) {
          cases.add(new Case(header[1], header[2].equals("1"), header[3].equals("1"), values));
        } else {
          double[] v = new double[parts.length - 1];
          for (int i = 1; i < parts.length; i++) {
            v[i - 1] = Double.parseDouble(parts[i]);
          }
          values.put(parts[0], v);
        }
      }
    }
    return cases;
  }

  private static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  private static EncoderBlockKernel.Parameters parameters(Map<String, double[]> values,
      String prefix) {
    float[][] p = new float[NAMES.length][];
    for (int a = 0; a < NAMES.length; a++) {
      double[] v = values.get(prefix + NAMES[a]);
      p[a] = prefix.isEmpty() ? floats(v) : new float[v.length];
    }
    return new EncoderBlockKernel.Parameters(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
        p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
  }

  private static float[][] arrays(EncoderBlockKernel.Parameters p) {
    return new float[][] {p.wq(), p.bq(), p.wk(), p.bk(), p.wv(), p.bv(), p.wo(), p.bo(), p.w1(),
        p.b1(), p.w2(), p.b2(), p.gain1(), p.bias1(), p.gain2(), p.bias2()};
  }

  @Test
  void theKernelGivesPyTorchsOutputsAndGradients() throws IOException {
    List<Case> cases = reference();
    assertEquals(4, cases.size());
    for (Case c : cases) {
      Map<String, double[]> v = c.values();
      float[] mask = floats(v.get("mask"));
      EncoderBlockKernel kernel = new EncoderBlockKernel(4, 2, 5, 3, c.preNorm(), c.gelu(), 1e-5);
      EncoderBlockKernel.Parameters w = parameters(v, "");
      float[] y = kernel.forward(floats(v.get("x")), mask, w,
          Dropout.of(0, new SplittableRandom(1), false));
      double[] expected = v.get("y");
      for (int i = 0; i < expected.length; i++) {
        if (mask[i / 4] != 0) {
          assertEquals(expected[i], y[i], 1e-5, c.label() + ": output " + i);
        }
      }
      EncoderBlockKernel.Parameters grads = parameters(v, "d");
      float[] dx = kernel.backward(floats(v.get("c")), w, grads);
      double[] expectedDx = v.get("dx");
      for (int i = 0; i < expectedDx.length; i++) {
        assertEquals(expectedDx[i], dx[i], 1e-4 + 1e-3 * Math.abs(expectedDx[i]),
            c.label() + ": input gradient " + i);
      }
      float[][] analytic = arrays(grads);
      for (int a = 0; a < NAMES.length; a++) {
        double[] g = v.get("d" + NAMES[a]);
        for (int i = 0; i < g.length; i++) {
          assertEquals(g[i], analytic[a][i], 1e-4 + 1e-3 * Math.abs(g[i]),
              c.label() + ": gradient of " + NAMES[a] + " " + i);
        }
      }
    }
  }
}
