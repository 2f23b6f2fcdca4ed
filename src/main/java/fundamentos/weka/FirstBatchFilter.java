package fundamentos.weka;

import fundamentos.progress.Cancelled;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.WekaException;
import weka.filters.Filter;
import weka.filters.SimpleBatchFilter;

/**
 * A filter whose first batch fits a model that every later batch is transformed with (the package's
 * PCA and UMAP): the whole first batch is passed to the fit, the model is forgotten when a new input
 * format is set, and instances from a data set whose attributes differ from the input format are
 * rejected (the model would otherwise read another header's values as its training attributes;
 * each data set is compared once). Capabilities: numeric, nominal and date attributes, missing
 * values, any class or none.
 */
public abstract class FirstBatchFilter extends SimpleBatchFilter {

  private static final long serialVersionUID = 1L;

  /** The last data set whose header was found equal to the input format. */
  private transient Instances m_LastCheckedHeader;

  /** Drops the fitted model: a new input format is coming. */
  protected abstract void forgetFit();

  /**
   * Refuses an unparsable, unknown or out-of-range option value with a message naming it, before
   * Weka's parser (which would print the error and keep the default) sees the rest.
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    OptionsRefusal.set(this, () -> {
      StrictOptions.parse(options, this, Filter.class);
      super.setOptions(options);
    });
  }

  @Override
  public Capabilities getCapabilities() {
    return SchemeCapabilities.only(super.getCapabilities(), Capability.NOMINAL_ATTRIBUTES,
        Capability.NUMERIC_ATTRIBUTES, Capability.DATE_ATTRIBUTES, Capability.MISSING_VALUES,
        Capability.NOMINAL_CLASS, Capability.NUMERIC_CLASS, Capability.DATE_CLASS,
        Capability.MISSING_CLASS_VALUES, Capability.NO_CLASS);
  }

  @Override
  public boolean input(Instance instance) throws Exception {
    checkHeader(instance);
    return super.input(instance);
  }

  @Override
  public boolean input(Instances instances) throws Exception {
    if (instances.numInstances() > 0) {
      checkHeader(instances.instance(0));
    }
    return super.input(instances);
  }

  /** The first batch's fit runs here: an interrupted fit ends as Weka's exception. */
  @Override
  public boolean batchFinished() throws Exception {
    try {
      return super.batchFinished();
    } catch (Cancelled stopped) {
      throw Interrupted.exception(getClass().getSimpleName(), stopped);
    }
  }

  /**
   * Transforms a batch of instances with the fitted model in one call. After the first batch,
   * Weka's {@code input(Instance)} transforms each instance on its own, one model call per row
   * (a copy of the input queue, an encoding and a product each); a caller that holds many rows
   * (the Spark jobs, partition by partition) hands them over at once. The result is what
   * {@code input} gives for each row, up to the last bits of the batched products.
   *
   * @throws WekaException before the first batch, or for a batch of other attributes
   */
  public Instances transformBatch(Instances batch) throws Exception {
    if (!isFirstBatchDone()) {
      throw new WekaException(getClass().getSimpleName() + " has not been fitted: finish its "
          + "first batch before transforming others.");
    }
    if (batch.numInstances() > 0) {
      checkHeader(batch.instance(0));
    }
    return process(batch);
  }

  @Override
  public boolean allowAccessToFullInputFormat() {
    return true;
  }

  @Override
  public boolean setInputFormat(Instances instanceInfo) throws Exception {
    OptionsRefusal.check(this, getClass().getSimpleName());
    forgetFit();
    m_LastCheckedHeader = null;
    return super.setInputFormat(instanceInfo);
  }

  private void checkHeader(Instance instance) throws WekaException {
    Instances format = getInputFormat();
    Instances dataset = instance.dataset();
    if (format == null || dataset == format || dataset == m_LastCheckedHeader) {
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
    m_LastCheckedHeader = dataset;
  }
}
