package fundamentos.deep;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * The correction every SameDiff layer of the package applies to its output. DL4J 1.0.0-M2.1 hands
 * twice the true gradient back through a SameDiffLayer: measured against finite differences, the
 * parameters of the layer and of every layer below it got exactly 2x the gradient the layers above
 * got (tests: EncoderBlockTest, NetworkTest). Returning 0.5 y + 0.5 stop_gradient(y) keeps the
 * value y and halves the gradient that flows back, which makes it exact.
 */
final class SameDiffGradient {

  private SameDiffGradient() {
  }

  static SDVariable halved(SameDiff sd, SDVariable y) {
    SDVariable fixed = new StopGradient(sd, y).outputVariable();
    return y.mul(0.5).add(fixed.mul(0.5));
  }
}
