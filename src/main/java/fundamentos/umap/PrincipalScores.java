package fundamentos.umap;

import fundamentos.linalg.RowSource;
import fundamentos.pca.PcaModel;
import fundamentos.pca.PrincipalComponentAnalysis;

/**
 * The data's leading principal-component scores, centred and not standardised: the PCA start
 * layout (umap-learn's {@code init="pca"}) and the anchors that place the components of a
 * disconnected graph side by side (umap-learn's {@code component_layout}, which uses the
 * components' centroids in the data; this package uses their principal scores).
 *
 * @param rows the training rows as PCA reads them (numeric, finite)
 * @param weights instance weights, or null for unit weights
 * @param approximateMeans near the column means, or null ({@link PrincipalComponentAnalysis#fit})
 */
public record PrincipalScores(RowSource rows, double[] weights, double[] approximateMeans) {

  /**
   * The scores on the leading components, n x at most {@code components}; null where there are
   * none to give, and the caller starts at random instead (umap-learn falls back the same way
   * when the spectral start fails):
   * <ul>
   *   <li>no column or fewer than two rows: no principal axis;</li>
   *   <li>weights PCA refuses, all zero or negative (IllegalArgumentException from
   *       {@code fundamentos.pca.DataMatrix}), or LAPACK's eigensolver not converging
   *       (ArithmeticException from {@code fundamentos.linalg.NativeLapack}): the start is only a
   *       starting point, so the layout goes on from a random one and the fit report says it fell
   *       back.</li>
   * </ul>
   * Anything else (an interrupted fit among them) propagates.
   */
  public double[][] leading(int components, long seed, int threads) {
    if (rows.columns() == 0 || rows.rows() < 2) {
      return null;
    }
    PrincipalComponentAnalysis pca = new PrincipalComponentAnalysis().standardise(false)
        .varianceCovered(1).maxComponents(components).seed(seed).threads(threads);
    try {
      return pca.fit(rows, weights, approximateMeans).transform(rows, PcaModel.Output.SCORES,
          false, 0, threads);
    } catch (IllegalArgumentException | ArithmeticException refused) {
      return null; // documented above: the start falls back to random
    }
  }
}
