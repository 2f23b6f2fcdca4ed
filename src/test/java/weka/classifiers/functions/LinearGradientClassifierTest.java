package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.optimizers.LBFGS;
import weka.classifiers.functions.optimizers.Optimizer;
import weka.classifiers.functions.optimizers.StepRuleOptimizer;
import weka.core.Capabilities.Capability;

/**
 * The options Perceptron and SoftmaxRegression inherit from their base keep each scheme's own bean
 * property types (what the GenericObjectEditor offers and the command line accepts), and round-trip.
 */
class LinearGradientClassifierTest {

  private static Class<?> optimizerType(Class<?> scheme) throws Exception {
    for (PropertyDescriptor p : Introspector.getBeanInfo(scheme).getPropertyDescriptors()) {
      if (p.getName().equals("optimizer")) {
        return p.getPropertyType();
      }
    }
    throw new AssertionError(scheme.getSimpleName() + " has no optimizer property");
  }

  @Test
  void eachSchemeKeepsItsOwnOptimizerPropertyType() throws Exception {
    assertEquals(StepRuleOptimizer.class, optimizerType(Perceptron.class));
    assertEquals(Optimizer.class, optimizerType(SoftmaxRegression.class));
  }

  @Test
  void thePerceptronRefusesTheFullBatchOptimizerOnTheCommandLine() {
    Exception e = assertThrows(Exception.class, () -> new Perceptron().setOptions(
        new String[] {"-optimizer", LBFGS.class.getName()}));
    assertTrue(e.getMessage().contains("Perceptron") && e.getMessage().contains("-optimizer"),
        e.getMessage());
    SoftmaxRegression softmax = new SoftmaxRegression();
    assertFalse(softmax.getOptimizer() instanceof LBFGS);
    assertDoesNotThrow(() -> softmax.setOptions(new String[] {"-optimizer", LBFGS.class.getName()}));
    assertTrue(softmax.getOptimizer() instanceof LBFGS);
  }

  @Test
  void sharedOptionsRoundTripAndKeepEachSchemesDefaults() throws Exception {
    Perceptron perceptron = new Perceptron();
    SoftmaxRegression softmax = new SoftmaxRegression();
    assertEquals(200, perceptron.getNumEpochs());
    assertEquals(1000, softmax.getNumEpochs());
    assertEquals(0.5, ((StepRuleOptimizer) perceptron.getOptimizer()).getLearningRate());
    assertEquals(0.05, ((StepRuleOptimizer) softmax.getOptimizer()).getLearningRate());
    perceptron.setOptions(new String[] {"-mini-batch", "7", "-epochs", "3"});
    assertEquals(7, perceptron.getMiniBatchSize());
    assertEquals(3, perceptron.getNumEpochs());
    Perceptron copy = new Perceptron();
    copy.setOptions(perceptron.getOptions());
    assertArrayEquals(perceptron.getOptions(), copy.getOptions());
    Exception bad = assertThrows(Exception.class,
        () -> new SoftmaxRegression().setOptions(new String[] {"-mini-batch", "0"}));
    assertTrue(bad.getMessage().contains("SoftmaxRegression"), bad.getMessage());
  }

  @Test
  void capabilitiesDifferOnlyInTheClass() {
    assertTrue(new Perceptron().getCapabilities().handles(Capability.BINARY_CLASS));
    assertFalse(new Perceptron().getCapabilities().handles(Capability.NOMINAL_CLASS));
    assertTrue(new SoftmaxRegression().getCapabilities().handles(Capability.NOMINAL_CLASS));
    for (LinearGradientClassifier<?> scheme : new LinearGradientClassifier<?>[] {new Perceptron(),
        new SoftmaxRegression()}) {
      assertTrue(scheme.getCapabilities().handles(Capability.MISSING_VALUES));
      assertFalse(scheme.getCapabilities().handles(Capability.STRING_ATTRIBUTES));
    }
  }
}
