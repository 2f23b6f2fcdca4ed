package fundamentos.deep;

/**
 * Multi-head attention of a block of examples that have no padding, forward and backward, with
 * the heads and the examples interleaved in the innermost dimension: a matrix of token rows
 * [n*T, d] is held as x'[(i * d_k + c) * L + h * n + e] = x[(e * T + i) * d + h * d_k + c] for
 * token i, column c of head h, example e, with L = heads * n. Every loop of the attention then
 * runs over L values at once (64 for 4 heads and 16 examples), which the JIT turns into vector
 * instructions, where the loops over one example's head ran over d_k = 16 values or T = 17 tokens,
 * too short for them. Each row of L values is an array of its own: this JIT (Java 17) leaves a
 * loop over an offset into a larger array (x[at + i]) scalar, but vectorises one from index 0.
 *
 * <p>Every value is computed by the same expressions, and every sum adds its terms in the same
 * order, as {@link EncoderBlockKernel}'s loops over one example and head at a time (dot products
 * from 0 with c ascending, softmax sums and max with the key ascending, the sums over queries with
 * the query ascending), so the results are the same floats; each (head, example) lane is
 * independent of the others.
 */
final class InterleavedAttention {

  private final int d;
  private final int heads;
  private final int dk;
  private final int length;
  private final float scale;

  private int n = -1;
  private int lanes;
  private float[][] q; // [T * d_k][L]
  private float[][] k;
  private float[][] v;
  private float[][] p; // attention weights [T (query) * T (key)][L]
  private float[][] o;

  InterleavedAttention(int d, int heads, int length) {
    this.d = d;
    this.heads = heads;
    this.dk = d / heads;
    this.length = length;
    this.scale = (float) (1 / Math.sqrt(dk));
  }

  private void allocate(int n) {
    if (n == this.n) {
      return;
    }
    this.n = n;
    lanes = heads * n;
    q = new float[length * dk][lanes];
    k = new float[length * dk][lanes];
    v = new float[length * dk][lanes];
    o = new float[length * dk][lanes];
    p = new float[length * length][lanes];
  }

  /** Token rows [n*T, d] to the interleaved layout. */
  private void interleave(float[] rows, float[][] out) {
    copy(rows, out, true);
  }

  /** The interleaved layout back to token rows [n*T, d]. */
  private void rows(float[][] interleaved, float[] out) {
    copy(out, interleaved, false);
  }

  /** Copies between token rows and the interleaved layout, in the direction {@code toLanes} says. */
  private void copy(float[] rows, float[][] interleaved, boolean toLanes) {
    for (int e = 0; e < n; e++) {
      for (int i = 0; i < length; i++) {
        int at = (e * length + i) * d;
        for (int h = 0; h < heads; h++) {
          int lane = h * n + e;
          for (int c = 0; c < dk; c++) {
            if (toLanes) {
              interleaved[i * dk + c][lane] = rows[at + h * dk + c];
            } else {
              rows[at + h * dk + c] = interleaved[i * dk + c][lane];
            }
          }
        }
      }
    }
  }

  private float[][] zeros() {
    return new float[length * dk][lanes];
  }

  /**
   * softmax(Q K^T / sqrt(d_k)) V of every head of the n examples whose token rows q, k, v hold
   * ([n*T, d]), into {@code out} (token rows); keeps what {@link #backward} needs.
   */
  void forward(float[] qRows, float[] kRows, float[] vRows, int n, float[] out) {
    allocate(n);
    interleave(qRows, q);
    interleave(kRows, k);
    interleave(vRows, v);
    int l = lanes;
    float[] max = new float[l];
    float[] sum = new float[l];
    for (float[] row : o) {
      java.util.Arrays.fill(row, 0f);
    }
    for (int i = 0; i < length; i++) {
      // scores (kept in p's rows of query i) q_i . k_r, from 0 with c ascending
      for (int r = 0; r < length; r++) {
        float[] score = p[i * length + r];
        java.util.Arrays.fill(score, 0f);
        for (int c = 0; c < dk; c++) {
          float[] qc = q[i * dk + c];
          float[] kc = k[r * dk + c];
          for (int x = 0; x < l; x++) {
            score[x] += qc[x] * kc[x];
          }
        }
      }
      java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
      for (int r = 0; r < length; r++) {
        float[] score = p[i * length + r];
        for (int x = 0; x < l; x++) {
          float value = score[x] * scale;
          score[x] = value;
          max[x] = Math.max(max[x], value);
        }
      }
      java.util.Arrays.fill(sum, 0f);
      for (int r = 0; r < length; r++) {
        float[] score = p[i * length + r];
        for (int x = 0; x < l; x++) {
          float value = (float) Math.exp(score[x] - max[x]);
          score[x] = value;
          sum[x] += value;
        }
      }
      for (int r = 0; r < length; r++) {
        float[] weight = p[i * length + r];
        for (int x = 0; x < l; x++) {
          weight[x] = weight[x] / sum[x];
        }
        // o_i += p_ir v_r, r ascending
        for (int c = 0; c < dk; c++) {
          float[] oc = o[i * dk + c];
          float[] vc = v[r * dk + c];
          for (int x = 0; x < l; x++) {
            oc[x] += weight[x] * vc[x];
          }
        }
      }
    }
    rows(o, out);
  }

  /**
   * The gradients of the last forward pass's q, k, v (token rows, written, not added) for the
   * gradient dO of its output (token rows).
   */
  void backward(float[] dORows, float[] dqRows, float[] dkRows, float[] dvRows) {
    int l = lanes;
    float[][] dO = zeros();
    interleave(dORows, dO);
    float[][] dq = zeros();
    float[][] dk = zeros();
    float[][] dv = zeros();
    float[][] dp = new float[length][l];
    float[] dot = new float[l];
    float[] ds = new float[l];
    for (int i = 0; i < length; i++) {
      // dP_ir = dO_i . V_r, from 0 with c ascending; dV_r += P_ir dO_i (the queries ascending);
      // dot = sum_r dP_ir P_ir, r ascending
      java.util.Arrays.fill(dot, 0f);
      for (int r = 0; r < length; r++) {
        float[] dpr = dp[r];
        float[] pr = p[i * length + r];
        java.util.Arrays.fill(dpr, 0f);
        for (int c = 0; c < this.dk; c++) {
          float[] oc = dO[i * this.dk + c];
          float[] vc = v[r * this.dk + c];
          float[] dvc = dv[r * this.dk + c];
          for (int x = 0; x < l; x++) {
            dpr[x] += oc[x] * vc[x];
            dvc[x] += pr[x] * oc[x];
          }
        }
        for (int x = 0; x < l; x++) {
          dot[x] += dpr[x] * pr[x];
        }
      }
      // dS_ir = P_ir (dP_ir - dot) / sqrt(d_k); dQ_i += dS_ir K_r; dK_r += dS_ir Q_i
      for (int r = 0; r < length; r++) {
        float[] pr = p[i * length + r];
        float[] dpr = dp[r];
        for (int x = 0; x < l; x++) {
          ds[x] = pr[x] * (dpr[x] - dot[x]) * scale;
        }
        for (int c = 0; c < this.dk; c++) {
          float[] dqc = dq[i * this.dk + c];
          float[] kc = k[r * this.dk + c];
          float[] dkc = dk[r * this.dk + c];
          float[] qc = q[i * this.dk + c];
          for (int x = 0; x < l; x++) {
            dqc[x] += ds[x] * kc[x];
            dkc[x] += ds[x] * qc[x];
          }
        }
      }
    }
    rows(dq, dqRows);
    rows(dk, dkRows);
    rows(dv, dvRows);
  }
}
