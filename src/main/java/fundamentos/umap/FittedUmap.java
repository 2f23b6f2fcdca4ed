package fundamentos.umap;

import java.io.Serializable;

/**
 * A UMAP fitted by {@link Umap#fit(NeighbourSpace, int[], PrincipalScores)}: the model (the frozen
 * training embedding and what placing new points needs) together with the neighbour space it was
 * fitted in, so that new points go from their coordinates to the embedding in one call, as
 * umap-learn's {@code transform}.
 *
 * @param <Q> how a batch of new points is given (the space's queries)
 */
public final class FittedUmap<Q> implements Serializable {

  private static final long serialVersionUID = 1L;

  private final UmapModel model;
  private final NeighbourSpace<Q> space;

  FittedUmap(UmapModel model, NeighbourSpace<Q> space) {
    this.model = model;
    this.space = space;
  }

  public UmapModel model() {
    return model;
  }

  public NeighbourSpace<Q> space() {
    return space;
  }

  /** The training embedding, n x dimension (a copy). */
  public double[][] embedding() {
    return model.embedding();
  }

  /**
   * Places new points: their nearest training points (as many as the fit used, at most the
   * training size), then {@link UmapModel#transform}.
   */
  public double[][] transform(Q queries, int threads) {
    int k = Math.min(model.neighbours(), model.trainingSize());
    return model.transform(space.neighboursOf(queries, k, threads), threads);
  }
}
