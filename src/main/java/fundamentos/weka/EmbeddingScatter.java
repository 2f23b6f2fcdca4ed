package fundamentos.weka;

import fundamentos.plot.ScatterPlot;
import java.io.File;
import java.io.IOException;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * The PNG an embedding filter draws with its -plot option (t-SNE; UMAP draws the same picture):
 * the first two coordinates of the training embedding, one colour per value of a nominal class
 * (grey where the class is missing or not nominal), 900 x 700 pixels.
 */
public final class EmbeddingScatter {

  private EmbeddingScatter() {
  }

  /**
   * Writes the picture of {@code y}, the embedding of {@code data}'s instances in order; the axes
   * are named prefix1 and prefix2.
   */
  public static void write(File file, double[][] y, Instances data, String title, String prefix)
      throws WekaException {
    Attribute label = data.classIndex() >= 0 && data.classAttribute().isNominal()
        ? data.classAttribute() : null;
    double[] across = new double[y.length];
    double[] up = new double[y.length];
    int[] colour = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      across[i] = y[i][0];
      up[i] = y[i].length > 1 ? y[i][1] : 0;
      colour[i] = label == null || data.instance(i).classIsMissing() ? -1
          : (int) data.instance(i).classValue();
    }
    String[] legend = new String[label == null ? 0 : label.numValues()];
    for (int v = 0; v < legend.length; v++) {
      legend[v] = label.value(v);
    }
    try {
      new ScatterPlot(title, across, up, colour, legend).axisLabels(prefix + 1, prefix + 2)
          .writePng(file, 900, 700);
    } catch (IOException e) {
      throw new WekaException("Could not write the plot to " + file + ": " + e.getMessage(), e);
    }
  }
}
