package fundamentos.weka;

import weka.core.Capabilities;
import weka.core.Capabilities.Capability;

/**
 * A scheme's Capabilities declared as one list: every scheme of the package starts from its Weka
 * base's capabilities, disables them all and enables exactly what it handles.
 */
public final class SchemeCapabilities {

  private SchemeCapabilities() {
  }

  /** {@code inherited} with everything disabled but {@code enabled}; returns it. */
  public static Capabilities only(Capabilities inherited, Capability... enabled) {
    inherited.disableAll();
    for (Capability capability : enabled) {
      inherited.enable(capability);
    }
    return inherited;
  }
}
