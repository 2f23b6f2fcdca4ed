package weka.clusterers;

import weka.core.WekaException;

/**
 * What a clusterer of this package throws from clusterInstance (and the density methods) for an
 * instance that belongs to no cluster, such as DBSCAN's noise. Weka's ClusterEvaluation counts any
 * exception there as an unclustered instance; {@link ClusterAgreementEvaluation} counts only this
 * one (and a negative cluster number), so that a real failure is reported instead of scored.
 */
public class UnclusteredInstanceException extends WekaException {

  private static final long serialVersionUID = 1L;

  public UnclusteredInstanceException(String message) {
    super(message);
  }
}
