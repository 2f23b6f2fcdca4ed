package fundamentos.weka;

import java.io.InvalidObjectException;

/**
 * The refusal of a model file written by an earlier version of the package whose class has since
 * gained a superclass. Java serialization reads such a file without the new superclass's fields
 * (they stay null) and calls its {@code readObjectNoData}; without a refusal there, the loaded
 * model fails later with a NullPointerException deep in printing or prediction.
 */
public final class EarlierModelFile {

  private EarlierModelFile() {
  }

  /**
   * What a new superclass's {@code readObjectNoData} throws.
   *
   * @param scheme the scheme or option object being read, as the user knows it
   * @return the exception to throw, naming the scheme and what to do
   */
  public static InvalidObjectException refused(String scheme) {
    return new InvalidObjectException("This " + scheme + " was saved by an earlier version of "
        + "the fundamentos package, whose model files this version cannot read: train it again "
        + "and save the new model.");
  }
}
