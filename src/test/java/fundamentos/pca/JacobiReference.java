package fundamentos.pca;

/**
 * The reference computation the PCA engine is checked against: the covariance matrix by the
 * textbook double loop and its eigendecomposition by cyclic Jacobi rotations, written
 * independently of BLAS and LAPACK (slow, exact to rounding, fine for d up to ~100).
 */
final class JacobiReference {

  final double[] eigenvalues;
  final double[][] eigenvectors;

  private JacobiReference(double[] eigenvalues, double[][] eigenvectors) {
    this.eigenvalues = eigenvalues;
    this.eigenvectors = eigenvectors;
  }

  /** Sample covariance (n - 1 denominator) of the rows, decomposed; eigenpairs sorted decreasing. */
  static JacobiReference ofCovariance(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    double[][] c = new double[d][d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (n - 1);
        }
      }
    }
    return decompose(c);
  }

  static JacobiReference decompose(double[][] symmetric) {
    int d = symmetric.length;
    double[][] a = new double[d][];
    for (int i = 0; i < d; i++) {
      a[i] = symmetric[i].clone();
    }
    double[][] v = new double[d][d];
    for (int i = 0; i < d; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double cos = 1 / Math.sqrt(t * t + 1);
          double sin = t * cos;
          for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = cos * akp - sin * akq;
            a[k][q] = sin * akp + cos * akq;
          }
          for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = cos * apk - sin * aqk;
            a[q][k] = sin * apk + cos * aqk;
          }
          for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = cos * vkp - sin * vkq;
            v[k][q] = sin * vkp + cos * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
    double[] values = new double[d];
    double[][] vectors = new double[d][d];
    for (int r = 0; r < d; r++) {
      values[r] = a[order[r]][order[r]];
      for (int k = 0; k < d; k++) {
        vectors[r][k] = v[k][order[r]];
      }
    }
    return new JacobiReference(values, vectors);
  }
}
