package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fundamentos.testing.BundledData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NetworkFeatures;

/**
 * The learned features NetworkFeatures writes are what the trained network's own softmax layer
 * reads: softmax(h W + b) of the default layer's features h and the output layer's weights equals
 * the classifier's distributionsForInstances, for the course's convnet on the 8 x 8 digits and for
 * a Transformer whose words are padded (mean pooling over the real tokens only). Lives in the
 * classifiers' package to read the output layer's weights.
 */
class NetworkFeaturesAgreementTest {

  /** The features of {@code layer} (0: the last hidden one) through the filter. */
  private static Instances features(NetworkClassifier network, Instances data, int layer)
      throws Exception {
    NetworkFeatures filter = new NetworkFeatures();
    filter.setClassifier(network);
    filter.setLayer(layer);
    filter.setInputFormat(data);
    return Filter.useFilter(data, filter);
  }

  private static void assertSoftmaxOfFeaturesIsTheDistribution(NetworkClassifier network,
      Instances data) throws Exception {
    Instances h = features(network, data, 0);
    int output = network.m_Network.getnLayers() - 1;
    double[][] w = network.m_Network.getLayer(output).getParam("W").toDoubleMatrix();
    double[] b = network.m_Network.getLayer(output).getParam("b").toDoubleVector();
    assertEquals(w.length, h.numAttributes() - 1, "one feature per input of the output layer");
    double[][] p = network.distributionsForInstances(data);
    for (int i = 0; i < data.numInstances(); i++) {
      double[] z = b.clone();
      for (int k = 0; k < z.length; k++) {
        for (int j = 0; j < w.length; j++) {
          z[k] += h.instance(i).value(j) * w[j][k];
        }
      }
      double max = Arrays.stream(z).max().getAsDouble();
      double sum = 0;
      for (int k = 0; k < z.length; k++) {
        z[k] = Math.exp(z[k] - max);
        sum += z[k];
      }
      for (int k = 0; k < z.length; k++) {
        assertEquals(p[i][k], z[k] / sum, 1e-5, "instance " + i + ", class " + k);
      }
      assertEquals(data.instance(i).classValue(), h.instance(i).classValue(), 0.0);
    }
  }

  @Test
  void theConvnetsLastHiddenLayerFeedsItsSoftmax() throws Exception {
    Instances digits = BundledData.load("digits8x8-train.arff");
    Instances train = new Instances(digits, 0, 400);
    CNN cnn = new CNN();
    cnn.setNumEpochs(1);
    cnn.setNumThreads(1);
    cnn.setQuiet(true);
    cnn.buildClassifier(train);
    Instances test = new Instances(digits, 400, 60);
    assertSoftmaxOfFeaturesIsTheDistribution(cnn, test);
    // the course's convnet: dense 256 - BN - ReLU is the last hidden layer
    assertEquals(256 + 1, features(cnn, test, 0).numAttributes());
    // layer 3 is the ReLU before the first max pooling (the network runs it after the pooling):
    // its features are ReLU of the batch norm's (layer 2), 32 x 8 x 8 of them
    Instances bn = features(cnn, test, 2);
    Instances relu = features(cnn, test, 3);
    assertEquals(32 * 8 * 8 + 1, relu.numAttributes());
    int negative = 0;
    for (int i = 0; i < test.numInstances(); i++) {
      for (int j = 0; j < 32 * 8 * 8; j++) {
        double x = bn.instance(i).value(j);
        negative += x < 0 ? 1 : 0;
        assertEquals(Math.max(x, 0), relu.instance(i).value(j), 0.0);
      }
    }
    assertTrue(negative > 0, "batch norm gave no negative value");
  }

  @Test
  void thePooledTokenOfPaddedWordsFeedsTheTransformersSoftmax() throws Exception {
    // Weka's FilterTest data: two string attributes of words (one missing value), nominal,
    // numeric and date attributes, and some missing values
    Instances data = new Instances(new java.io.InputStreamReader(
        weka.filters.AbstractFilterTest.class.getResourceAsStream("data/FilterTest.arff")));
    data.setClassIndex(1);
    Transformer transformer = new Transformer();
    transformer.setPooling(new weka.core.SelectedTag(1, Transformer.POOLINGS));
    transformer.setModelWidth(8);
    transformer.setNumHeads(2);
    transformer.setNumBlocks(1);
    transformer.setMlpWidth(8);
    transformer.setMinWordCount(1);
    transformer.setNumEpochs(3);
    transformer.setNumThreads(1);
    transformer.setQuiet(true);
    transformer.buildClassifier(data);
    assertTrue(data.attribute(0).type() == Attribute.STRING);
    assertSoftmaxOfFeaturesIsTheDistribution(transformer, data);
    assertEquals(8 + 1, features(transformer, data, 0).numAttributes());
  }
}
