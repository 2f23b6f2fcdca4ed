package fundamentos.linalg;

import fundamentos.progress.Cancellation;
import java.util.Arrays;
import org.bytedeco.arpackng.global.arpack;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * A few eigenpairs of a large symmetric operator known only through its products, by ARPACK's
 * implicitly restarted Lanczos method (Sorensen 1992; Lehoucq, Sorensen and Yang, "ARPACK Users'
 * Guide", 1998, routines dsaupd/dseupd) from arpack-ng's JavaCPP build: the solver behind scipy's
 * {@code eigsh}, which umap-learn calls for its spectral start. Its basis holds {@code ncv} vectors
 * whatever the number of restarts, where plain Lanczos keeps every step's vector.
 *
 * <p>Called through arpack-ng directly rather than Smile's {@code ARPACK.syev}, which wraps the same
 * routines, for three reasons: Smile lets ARPACK draw its start vector from a random stream that
 * ARPACK keeps in Fortran SAVE variables across calls (so a result would depend on what ran before
 * in the JVM; here the caller gives the start vector, scipy's {@code v0}); Smile fixes the restart
 * limit at 10 n (scipy's {@code maxiter} is a parameter); and Smile passes the n x ncv basis as a Java
 * array, which JNI copies in and out on every reverse-communication step (here it lives in native
 * memory, and only the two vectors of a product cross). ARPACK's routines keep their state in SAVE
 * variables, so one run at a time in the JVM (a lock); a cancelled run is simply abandoned (the next
 * run starts ARPACK afresh).
 */
public final class ImplicitlyRestartedLanczos {

  /** y = A x for the symmetric operator A; x and y have the operator's dimension. */
  @FunctionalInterface
  public interface SymmetricOperator {
    void apply(double[] x, double[] y);
  }

  /** Eigenvalues in decreasing order and their unit eigenvectors (vectors[j] goes with values[j]). */
  public record Eigenpairs(double[] values, double[][] vectors) {
  }

  private static final Object ARPACK_STATE = new Object();

  private ImplicitlyRestartedLanczos() {
  }

  /**
   * The {@code nev} largest (algebraic) eigenpairs of the n x n symmetric operator (ARPACK's
   * {@code which="LA"}), largest first.
   *
   * @param ncv Lanczos basis size, nev &lt; ncv &lt;= n (scipy's {@code ncv})
   * @param tolerance ARPACK's relative accuracy of the Ritz values: a pair is accepted when its
   *     residual bound is at most tolerance * max(eps^(2/3), |value|) (scipy's {@code tol})
   * @param maxRestarts the most implicit restarts (scipy's {@code maxiter})
   * @param start the start vector (scipy's {@code v0}), not changed
   * @throws ArithmeticException when ARPACK stops without converging (restart limit reached, no
   *     shifts could be applied) or reports an error; the message names the routine and its code
   */
  public static Eigenpairs largest(SymmetricOperator operator, int n, int nev, int ncv,
      double tolerance, int maxRestarts, double[] start) {
    if (nev < 1 || ncv <= nev || ncv > n || start.length != n) {
      throw new IllegalArgumentException("ARPACK needs 0 < nev < ncv <= n = start length; nev = "
          + nev + ", ncv = " + ncv + ", n = " + n + ", start length " + start.length);
    }
    // ARPACK's own vector work (dnrm2, dgemv on the n x ncv basis) runs in OpenBLAS, whose
    // multithreaded reductions add in another order with another thread count: one thread keeps
    // the eigenvectors, and so UMAP's layout, the same on any thread count (measured: 60k
    // Fashion-MNIST embeddings differed between 1 and 2 threads without it)
    return NativeBlas.withThreads(1, () -> run(operator, n, nev, ncv, tolerance, maxRestarts, start));
  }

  private static Eigenpairs run(SymmetricOperator operator, int n, int nev, int ncv,
      double tolerance, int maxRestarts, double[] start) {
    int lworkl = ncv * (ncv + 8);
    synchronized (ARPACK_STATE) {
      try (IntPointer ido = new IntPointer(1);
          IntPointer info = new IntPointer(1);
          BytePointer bmat = new BytePointer("I");
          BytePointer wanted = new BytePointer("LA");
          IntPointer iparam = new IntPointer(11);
          IntPointer ipntr = new IntPointer(11);
          DoublePointer resid = new DoublePointer(start);
          DoublePointer basis = new DoublePointer((long) n * ncv);
          DoublePointer workd = new DoublePointer(3L * n);
          DoublePointer workl = new DoublePointer(lworkl)) {
        ido.put(0);
        info.put(1); // resid holds the start vector
        iparam.put(0, 1); // exact shifts
        iparam.put(2, maxRestarts);
        iparam.put(6, 1); // mode 1: A x = lambda x
        double[] x = new double[n];
        double[] y = new double[n];
        while (true) {
          arpack.dsaupd_c(ido, bmat, n, wanted, nev, tolerance, resid, ncv, basis, n, iparam, ipntr,
              workd, workl, lworkl, info);
          int request = ido.get();
          if (request != -1 && request != 1) {
            break;
          }
          Cancellation.check();
          // ipntr holds 1-based Fortran offsets into workd of the product's input and output
          workd.position(ipntr.get(0) - 1).get(x);
          operator.apply(x, y);
          workd.position(ipntr.get(1) - 1).put(y);
          workd.position(0);
        }
        check("dsaupd", info.get());
        try (BytePointer howmny = new BytePointer("A");
            IntPointer select = new IntPointer(ncv);
            DoublePointer values = new DoublePointer(nev);
            DoublePointer vectors = new DoublePointer((long) n * nev)) {
          arpack.dseupd_c(1, howmny, select, values, vectors, n, 0.0, bmat, n, wanted, nev,
              tolerance, resid, ncv, basis, n, iparam, ipntr, workd, workl, lworkl, info);
          check("dseupd", info.get());
          int converged = iparam.get(4);
          if (converged < nev) {
            throw new ArithmeticException("ARPACK dseupd: " + converged + " of " + nev
                + " eigenpairs converged");
          }
          double[] found = new double[nev];
          values.get(found);
          // largest first (dseupd returns them ascending; sorted here rather than trusted)
          Integer[] order = new Integer[nev];
          for (int j = 0; j < nev; j++) {
            order[j] = j;
          }
          Arrays.sort(order, (a, b) -> Double.compare(found[b], found[a]));
          double[] value = new double[nev];
          double[][] vector = new double[nev][n];
          for (int j = 0; j < nev; j++) {
            value[j] = found[order[j]];
            // column order[j] of the column-major n x nev array
            vectors.position((long) order[j] * n).get(vector[j]);
          }
          vectors.position(0);
          return new Eigenpairs(value, vector);
        }
      }
    }
  }

  private static void check(String routine, int info) {
    if (info == 0) {
      return;
    }
    String why = switch (info) {
      case 1 -> "the restart limit was reached before every wanted pair converged";
      case 3 -> "no shifts could be applied during a restart (try a larger ncv)";
      default -> "error code " + info;
    };
    throw new ArithmeticException("ARPACK " + routine + ": " + why);
  }
}
