package fundamentos.testing;

import java.beans.PropertyEditor;
import java.beans.PropertyEditorManager;
import weka.core.WekaPackageClassLoaderManager;
import weka.gui.GenericObjectEditor;
import weka.gui.GenericPropertiesCreator;

/**
 * Run in a separate JVM by the install test: loads the installed packages the way Weka's GUIs do and
 * prints, for each class name given, what the GenericObjectEditor offers for it and which property
 * editor Weka registered for it.
 */
public final class GoeListing {

  private GoeListing() {
  }

  public static void main(String[] args) throws Exception {
    // what the GenericObjectEditor does when the Explorer first opens it
    GenericObjectEditor.determineClasses();
    GenericObjectEditor.registerEditors();
    for (String key : args) {
      System.out.println(key + "=" + GenericPropertiesCreator.getGlobalOutputProperties().getProperty(key, ""));
      Class<?> type = key.endsWith("[]")
          ? java.lang.reflect.Array.newInstance(
              WekaPackageClassLoaderManager.forName(key.substring(0, key.length() - 2)), 0).getClass()
          : WekaPackageClassLoaderManager.forName(key);
      PropertyEditor editor = PropertyEditorManager.findEditor(type);
      System.out.println(key + ".editor=" + (editor == null ? "none" : editor.getClass().getName()));
    }
  }
}
