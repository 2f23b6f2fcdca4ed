package weka.classifiers.functions.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.optim.Lbfgs;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.CNN;
import weka.classifiers.functions.NetworkClassifier;
import weka.classifiers.functions.SoftmaxRegression;
import weka.classifiers.functions.Transformer;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.Utils;
import weka.core.WekaException;

/**
 * Weka's CheckOptionHandler and CheckGOE, called through their API, for every optimizer option
 * object, each with options that differ from its defaults (so that setting them is really tested).
 */
class OptimizerConformanceTest {

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of(new SGD(), "-lr 0.5"),
        Arguments.of(new Momentum(), "-lr 0.2 -momentum 0.5"),
        Arguments.of(new Nesterov(), "-lr 0.2 -momentum 0.7"),
        Arguments.of(new AdaGrad(), "-lr 0.3 -epsilon 1.0E-6"),
        Arguments.of(new AdaGrad(), "-lr 0.3 -epsilon 1.0E-6 -epsilon-inside-root"),
        Arguments.of(new RMSProp(), "-lr 0.002 -rho 0.8 -epsilon 1.0E-7"),
        Arguments.of(new RMSProp(), "-epsilon-inside-root"),
        Arguments.of(new Adam(), "-lr 0.01 -beta1 0.8 -beta2 0.99 -epsilon 1.0E-7"),
        Arguments.of(new Adam(), "-lr 0.01 -epsilon 0.5 -epsilon-inside-root"),
        Arguments.of(new LBFGS(), "-gradient-tolerance 1.0E-6 -max-iterations 50 -corrections 7"));
  }

  /** The mini-batch step rules: every one has a learning rate and makes an update rule. */
  static Stream<Arguments> stepRules() {
    return optimizers().filter(a -> a.get()[0] instanceof StepRuleOptimizer);
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void passesWekasOptionHandlerChecks(Optimizer optimizer, String userOptions) throws Exception {
    CheckOptionHandler check = new CheckOptionHandler();
    check.setSilent(true);
    check.setOptionHandler(optimizer);
    check.setUserOptions(Utils.splitOptions(userOptions));
    assertTrue(check.checkListOptions(), "listOptions");
    assertTrue(check.checkSetOptions(), "setOptions");
    assertTrue(check.checkDefaultOptions(), "default options");
    assertTrue(check.checkRemainingOptions(), "remaining options");
    assertTrue(check.checkCanonicalUserOptions(), "canonical user options");
    assertTrue(check.checkResettingOptions(), "resetting options");
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void passesWekasGenericObjectEditorChecks(Optimizer optimizer, String userOptions) {
    CheckGOE check = new CheckGOE();
    check.setSilent(true);
    check.setObject(optimizer);
    assertTrue(check.checkGlobalInfo(), "globalInfo");
    assertTrue(check.checkToolTips(), "tip texts");
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void optionsRoundTripThroughTheCommandLine(Optimizer optimizer, String userOptions) throws Exception {
    Optimizer configured = optimizer.getClass().getDeclaredConstructor().newInstance();
    configured.setOptions(Utils.splitOptions(userOptions));
    Optimizer copy = (Optimizer) Utils.forName(Optimizer.class, configured.getClass().getName(),
        configured.getOptions());
    assertEquals(configured.toString(), copy.toString());
    // the user's options really changed something (they differ from the defaults)
    Optimizer defaults = configured.getClass().getDeclaredConstructor().newInstance();
    assertTrue(!defaults.toString().equals(configured.toString()), configured.toString());
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void unknownOptionsAreRejected(Optimizer optimizer, String userOptions) throws Exception {
    Optimizer fresh = optimizer.getClass().getDeclaredConstructor().newInstance();
    assertThrows(Exception.class, () -> fresh.setOptions(new String[] {"-no-such-option", "1"}));
  }

  @ParameterizedTest
  @MethodSource("stepRules")
  void badLearningRatesAreRejected(StepRuleOptimizer optimizer, String userOptions) throws Exception {
    StepRuleOptimizer fresh = optimizer.getClass().getDeclaredConstructor().newInstance();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fresh.setLearningRate(0));
    assertTrue(e.getMessage().contains("-lr"), e.getMessage());
    assertTrue(fresh.newUpdateRule().learningRate() > 0, "the refused rate was not kept");
  }

  /**
   * -epsilon-inside-root reaches the engine rule: one step with g = 2, eta 1, epsilon 2 moves by
   * 2 / sqrt(4 + 2) with it (the course's Eqs. 3.59, 3.62) and by 2 / (2 + 2) without (the default).
   */
  @ParameterizedTest
  @MethodSource("adaptive")
  void epsilonInsideTheRootReachesTheRule(AdaptiveOptimizer optimizer) throws Exception {
    for (boolean inside : new boolean[] {false, true}) {
      AdaptiveOptimizer fresh = optimizer.getClass().getDeclaredConstructor().newInstance();
      fresh.setOptions(Utils.splitOptions("-lr 1 -epsilon 2" + (inside ? " -epsilon-inside-root" : "")
          + (fresh instanceof RMSProp ? " -rho 0" : "")));
      assertEquals(inside, fresh.getEpsilonInsideRoot());
      org.nd4j.linalg.api.ndarray.INDArray theta = org.nd4j.linalg.factory.Nd4j.zeros(1, 1);
      fresh.newUpdateRule().step(theta, org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {1, 1}, 2.0));
      assertEquals(inside ? -2 / Math.sqrt(6) : -0.5, theta.getDouble(0), 1e-6, fresh.toString());
    }
    assertFalse(optimizer.getClass().getDeclaredConstructor().newInstance().getEpsilonInsideRoot(),
        "off by default");
  }

  static Stream<AdaptiveOptimizer> adaptive() {
    return Stream.of(new AdaGrad(), new RMSProp(), new Adam());
  }

  @Test
  void lbfgsHasTheFormerSoftmaxRegressionDefaultsAndRefusesBadValues() throws Exception {
    LBFGS lbfgs = new LBFGS();
    assertEquals(new Lbfgs.Settings(1e-4, 1000, 5), lbfgs.settings());
    assertEquals(0, Stream.of(lbfgs.getOptions()).filter("-lr"::equals).count(), "no learning rate");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lbfgs.setGradientTolerance(0));
    assertTrue(e.getMessage().contains("-gradient-tolerance"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> lbfgs.setMaxIterations(0));
    assertTrue(e.getMessage().contains("-max-iterations"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> lbfgs.setCorrections(0));
    assertTrue(e.getMessage().contains("-corrections"), e.getMessage());
    assertThrows(Exception.class, () -> lbfgs.setOptions(Utils.splitOptions("-lr 0.1")));
    assertEquals(new Lbfgs.Settings(1e-4, 1000, 5), lbfgs.settings(), "refused values not kept");
  }

  /**
   * Weka's GenericObjectEditor lists the classes of a property's declared type: the networks declare
   * StepRuleOptimizer, so LBFGS is not offered there, and the command line names SoftmaxRegression.
   */
  @Test
  void theNetworksTakeOnlyStepRules() throws Exception {
    for (NetworkClassifier network : new NetworkClassifier[] {new CNN(), new Transformer()}) {
      assertEquals(StepRuleOptimizer.class,
          network.getClass().getMethod("getOptimizer").getReturnType());
      Exception e = assertThrows(Exception.class,
          () -> network.setOptions(Utils.splitOptions("-optimizer \"LBFGS -max-iterations 5\"")));
      assertTrue(e instanceof WekaException && e.getMessage().contains("SoftmaxRegression"), e.getMessage());
    }
    assertEquals(Optimizer.class, SoftmaxRegression.class.getMethod("getOptimizer").getReturnType());
    assertFalse(StepRuleOptimizer.class.isAssignableFrom(LBFGS.class));
  }
}
