package fundamentos.testing;

import java.io.File;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** The data sets committed under src/data, loaded with the last attribute as the class. */
public final class BundledData {

  private BundledData() {
  }

  public static File file(String name) {
    return new File(System.getProperty("fundamentos.data", "src/data"), name);
  }

  public static Instances load(String name) throws Exception {
    Instances data = DataSource.read(file(name).getPath());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }
}
