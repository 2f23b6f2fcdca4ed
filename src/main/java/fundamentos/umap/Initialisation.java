package fundamentos.umap;

/** Where the layout starts (umap-learn's {@code init}). */
public enum Initialisation {
  /** Laplacian eigenmap of the fuzzy graph, per connected component when it has several. */
  SPECTRAL,
  /** The first principal components of the data. */
  PCA,
  /** Uniform in [-10, 10]. */
  RANDOM
}
