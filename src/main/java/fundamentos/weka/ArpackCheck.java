package fundamentos.weka;

import java.util.Locale;
import smile.math.matrix.ARPACK;
import smile.math.matrix.Matrix;
import smile.math.matrix.SparseMatrix;
import weka.core.CommandlineRunnable;

/**
 * Whether Smile's native ARPACK (ARPACK-NG through JavaCPP, the 1.5.7 build the package carries
 * beside ND4J's) loads and computes where the package runs: the three largest eigenvalues of the
 * Laplacian of a path of n vertices, whose exact values are 2 - 2 cos(k pi / (n + 1)), k = n, n - 1,
 * n - 2. The install test runs it inside Weka ({@code weka.Run fundamentos.weka.ArpackCheck}), so
 * the natives are loaded by Weka's package class loader as a scheme would load them.
 */
public final class ArpackCheck implements CommandlineRunnable {

  @Override
  public void preExecution() {
  }

  @Override
  public void postExecution() {
  }

  /** Prints each eigenvalue, ARPACK's and the exact one, and the largest difference. */
  @Override
  public void run(Object toRun, String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    double[][] laplacian = new double[n][n];
    for (int i = 0; i < n; i++) {
      laplacian[i][i] = 2;
      if (i + 1 < n) {
        laplacian[i][i + 1] = -1;
        laplacian[i + 1][i] = -1;
      }
    }
    Matrix.EVD evd = ARPACK.syev(new SparseMatrix(laplacian), ARPACK.SymmOption.LA, 3);
    double[] found = evd.wr.clone();
    java.util.Arrays.sort(found);
    double worst = 0;
    for (int k = 0; k < 3; k++) {
      double exact = 2 - 2 * Math.cos((n - k) * Math.PI / (n + 1));
      double arpack = found[found.length - 1 - k];
      worst = Math.max(worst, Math.abs(arpack - exact));
      System.out.printf(Locale.ROOT, "eigenvalue %d: ARPACK %.12f, exact %.12f%n", k + 1, arpack,
          exact);
    }
    System.out.printf(Locale.ROOT, "largest difference %.3e%n", worst);
  }

  public static void main(String[] args) {
    new ArpackCheck().run(null, args);
  }
}
