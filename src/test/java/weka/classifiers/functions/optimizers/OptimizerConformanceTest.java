package weka.classifiers.functions.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.Utils;

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
        Arguments.of(new RMSProp(), "-lr 0.002 -rho 0.8 -epsilon 1.0E-7"),
        Arguments.of(new Adam(), "-lr 0.01 -beta1 0.8 -beta2 0.99 -epsilon 1.0E-7"));
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
    assertTrue(configured.newUpdateRule().learningRate() > 0);
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void unknownOptionsAndBadValuesAreRejected(Optimizer optimizer, String userOptions) throws Exception {
    Optimizer fresh = optimizer.getClass().getDeclaredConstructor().newInstance();
    assertThrows(Exception.class, () -> fresh.setOptions(new String[] {"-no-such-option", "1"}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fresh.setLearningRate(0));
    assertTrue(e.getMessage().contains("-lr"), e.getMessage());
    assertTrue(fresh.newUpdateRule().learningRate() > 0, "the refused rate was not kept");
  }
}
