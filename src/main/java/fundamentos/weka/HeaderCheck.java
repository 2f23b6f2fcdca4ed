package fundamentos.weka;

import weka.core.Instance;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * Rejects instances whose data set's attributes differ from a filter's input format: a filter
 * fitted on one header would otherwise read another header's values as if they were its training
 * attributes. Each data set is compared once (the last one that passed is remembered).
 */
public final class HeaderCheck implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private transient Instances lastChecked;

  /** Forgets the data set that passed last (a new input format was set). */
  public void reset() {
    lastChecked = null;
  }

  public void check(Instances format, Instance instance) throws WekaException {
    Instances dataset = instance.dataset();
    if (format == null || dataset == format || dataset == lastChecked) {
      return;
    }
    if (dataset == null) {
      if (instance.numAttributes() != format.numAttributes()) {
        throw new WekaException("The instance has " + instance.numAttributes() + " attributes, but "
            + "the filter's input format has " + format.numAttributes() + ".");
      }
      return;
    }
    if (!format.equalHeaders(dataset)) {
      throw new WekaException("The data's attributes differ from the filter's input format: "
          + format.equalHeadersMsg(dataset));
    }
    lastChecked = dataset;
  }
}
