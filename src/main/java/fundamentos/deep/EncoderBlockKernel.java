package fundamentos.deep;

/**
 * The forward and backward pass of one {@link EncoderBlock} written out by hand, in single
 * precision: the same equations as the block's SameDiff graph (which stays the reference, and
 * which the tests compare this with), but computed on the token rows [M = N*T, d] with the six
 * projections as BLAS matrix products and everything else (attention per head, softmax, masks,
 * layer norm, GELU, residual sums) as plain loops over arrays. SameDiff ran a block as about 60
 * separate native ops forward and 100 backward, each allocating its result; this is what made the
 * Transformer several times slower than PyTorch.
 *
 * <p>Backward pass (post-norm; pre-norm moves the norms in front of the sublayers): with
 * R1 = X + MHA(X), Z = LN1(R1), R2 = Z + MLP(Z), Y = LN2(R2):
 * dR2 = LN2'(dY); dZ = dR2 + MLP'(dR2); dR1 = LN1'(dZ); dX = dR1 + MHA'(dR1), where for
 * layer norm y = g x^ + b with x^ = (x - mean) / s: dx = (g dy - mean(g dy) - x^ mean(g dy x^)) / s,
 * and for attention P = softmax(S): dS = P (dP - rowsum(dP P)). In training, dropout acts on
 * the outputs of attention and of the MLP before they join the residual sums (Vaswani et al.
 * 2017, section 5.4).
 */
final class EncoderBlockKernel {

  private final int d;
  private final int heads;
  private final int dk;
  private final int m;
  private final int length;
  private final boolean preNorm;
  private final boolean gelu;
  private final float epsilon;

  // forward caches for the backward pass, for M rows
  private int rows = -1;
  private float[] x;
  private float[] attnIn; // X, or LN1(X) with pre-norm
  private float[] q;
  private float[] k;
  private float[] v;
  private float[] p; // attention weights [N, H, T, T]
  private float[] o; // heads joined [M, d]
  private float[] z; // post-norm: LN1 output; pre-norm: X + MHA
  private float[] mlpIn; // Z, or LN2(Z) with pre-norm
  private float[] h; // MLP pre-activation [M, m]
  private float[] g; // MLP activation [M, m]
  private float[] slope; // GELU'(h) [M, m], from the forward pass's tanh
  private double[] exps; // exp(2u) of GELU's tanh u, [M, m]
  private float[] norm1Hat;
  private float[] norm1Scale; // 1 / s per row
  private float[] norm2Hat;
  private float[] norm2Scale;
  private float[] mask;
  /** The dropout masks of the sublayer outputs (null: none). */
  private float[] attentionDropout;
  private float[] mlpDropout;
  /** The attention of blocks without padding; null: always the loops over one example. */
  private InterleavedAttention interleaved;
  /** Whether the last forward pass ran {@link #interleaved}. */
  private boolean ranInterleaved;

  EncoderBlockKernel(long d, long heads, long m, long length, boolean preNorm, boolean gelu,
      double epsilon) {
    this.d = (int) d;
    this.heads = (int) heads;
    this.dk = (int) (d / heads);
    this.m = (int) m;
    this.length = (int) length;
    this.preNorm = preNorm;
    this.gelu = gelu;
    this.epsilon = (float) epsilon;
    this.interleaved = new InterleavedAttention(this.d, this.heads, this.length);
  }

  /**
   * Tests only: false runs the attention one example and head at a time even without padding
   * (the interleaved form must give the same floats).
   */
  void setInterleaved(boolean on) {
    interleaved = on ? new InterleavedAttention(d, heads, length) : null;
  }

  private boolean noPadding() {
    for (float value : mask) {
      if (value != 1f) {
        return false;
      }
    }
    return true;
  }

  /** The block's parameters as row-major arrays. */
  record Parameters(float[] wq, float[] bq, float[] wk, float[] bk, float[] wv, float[] bv,
      float[] wo, float[] bo, float[] w1, float[] b1, float[] w2, float[] b2, float[] gain1,
      float[] bias1, float[] gain2, float[] bias2) {
  }

  private void allocate(int rows) {
    if (rows == this.rows) {
      return;
    }
    this.rows = rows;
    int n = rows / length;
    x = new float[rows * d];
    attnIn = new float[rows * d];
    q = new float[rows * d];
    k = new float[rows * d];
    v = new float[rows * d];
    p = new float[n * heads * length * length];
    o = new float[rows * d];
    z = new float[rows * d];
    mlpIn = new float[rows * d];
    h = new float[rows * m];
    g = new float[rows * m];
    slope = gelu ? new float[rows * m] : null;
    exps = gelu ? new double[rows * m] : null;
    norm1Hat = new float[rows * d];
    norm1Scale = new float[rows];
    norm2Hat = new float[rows * d];
    norm2Scale = new float[rows];
    mask = new float[n * length];
  }

  /**
   * The block's output rows for input rows [M, d] (token-major: row n*T + t), mask [N, T] (1 real,
   * 0 padding; null for all real). Keeps what the backward pass needs.
   */
  float[] forward(float[] input, float[] tokenMask, Parameters w, Dropout dropout) {
    int rows = input.length / d;
    // the attention's dropout mask first, then the MLP's: the order the draws always had
    float[] attentionMask = dropout.draw(rows * d);
    return forward(input, tokenMask, w, attentionMask, dropout.draw(rows * d));
  }

  /**
   * The same with the dropout masks of the attention's and the MLP's outputs drawn beforehand
   * ({@link Dropout#draw}; null: no dropout), so that blocks of examples can run on several
   * threads with the masks a single pass would have drawn.
   */
  float[] forward(float[] input, float[] tokenMask, Parameters w, float[] attentionMask,
      float[] mlpMask) {
    int rows = input.length / d;
    allocate(rows);
    System.arraycopy(input, 0, x, 0, input.length);
    if (tokenMask == null) {
      java.util.Arrays.fill(mask, 1f);
    } else {
      System.arraycopy(tokenMask, 0, mask, 0, mask.length);
    }
    float[] y = new float[rows * d];
    if (preNorm) {
      LayerNormKernel.forward(x, rows, d, epsilon, w.gain1(), w.bias1(), attnIn, norm1Hat,
          norm1Scale);
      float[] a = attention(w);
      attentionDropout = Dropout.apply(a, attentionMask);
      residualSum(x, a, z);
      LayerNormKernel.forward(z, rows, d, epsilon, w.gain2(), w.bias2(), mlpIn, norm2Hat,
          norm2Scale);
      float[] f = mlp(w);
      mlpDropout = Dropout.apply(f, mlpMask);
      residualSum(z, f, y);
    } else {
      System.arraycopy(x, 0, attnIn, 0, x.length);
      float[] a = attention(w);
      attentionDropout = Dropout.apply(a, attentionMask);
      addAndNormalise(a, x, w.gain1(), w.bias1(), z, norm1Hat, norm1Scale);
      System.arraycopy(z, 0, mlpIn, 0, z.length);
      float[] f = mlp(w);
      mlpDropout = Dropout.apply(f, mlpMask);
      addAndNormalise(f, z, w.gain2(), w.bias2(), y, norm2Hat, norm2Scale);
    }
    return y;
  }

  /**
   * A post-norm sublayer joined to the residual stream, LayerNorm(residual + sublayer) (Eqs.
   * 3.51-3.52), into {@code out}; the sum is left in {@code sublayer}, the norm's caches in
   * {@code hat} and {@code scale}.
   */
  private void addAndNormalise(float[] sublayer, float[] residual, float[] gain, float[] bias,
      float[] out, float[] hat, float[] scale) {
    residualSum(residual, sublayer, sublayer);
    LayerNormKernel.forward(sublayer, rows, d, epsilon, gain, bias, out, hat, scale);
  }

  /**
   * sum = residual + sublayer, value by value: a sublayer's output joined to the residual stream
   * (float addition is commutative, so the operands' order does not change a result).
   */
  private static void residualSum(float[] residual, float[] sublayer, float[] sum) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] = residual[i] + sublayer[i];
    }
  }

  /** Multi-head attention of attnIn (Eq. 3.50); fills q, k, v, p, o; returns MHA rows. */
  private float[] attention(Parameters w) {
    LayerProducts.affine(attnIn, rows, d, w.wq(), d, w.bq(), q);
    LayerProducts.affine(attnIn, rows, d, w.wk(), d, w.bk(), k);
    LayerProducts.affine(attnIn, rows, d, w.wv(), d, w.bv(), v);
    int n = rows / length;
    ranInterleaved = interleaved != null && noPadding();
    if (ranInterleaved) {
      interleaved.forward(q, k, v, n, o);
    } else {
      java.util.Arrays.fill(o, 0f);
      // the caller (EncoderBlockLayer) runs blocks of examples on threads
      for (int e = 0; e < n; e++) {
        attendExample(e);
      }
    }
    float[] a = new float[rows * d];
    LayerProducts.affine(o, rows, d, w.wo(), d, w.bo(), a);
    return a;
  }

  /**
   * The real (unpadded) tokens of example e. Attention is computed among them only: a padded key
   * gets weight exactly 0 in the SameDiff graph (score - 1e9 underflows in the softmax), and a
   * padded query's output reaches nothing real (no token attends to it, pooling leaves it out), so
   * the real tokens' outputs and every gradient are unchanged, at a cost that follows the texts'
   * lengths rather than the longest one.
   */
  private int[] realTokens(int e) {
    int count = 0;
    for (int j = 0; j < length; j++) {
      if (mask[e * length + j] != 0f) {
        count++;
      }
    }
    int[] real = new int[count];
    count = 0;
    for (int j = 0; j < length; j++) {
      if (mask[e * length + j] != 0f) {
        real[count++] = j;
      }
    }
    return real;
  }

  /**
   * One head's rows of a matrix ([M, d], the head's d_k columns from {@code off}) for the real
   * tokens of example e, transposed: t[c * R + r] = x[row of real[r], off + c]. The dot products
   * with these rows are then written as axpy's over contiguous columns, which the JIT vectorises,
   * and which add the same products in the same order (c ascending) as a dot product does.
   */
  private void transposeHead(float[] x, int e, int off, int[] real, float[] t) {
    int count = real.length;
    for (int r = 0; r < count; r++) {
      int at = (e * length + real[r]) * d + off;
      for (int c = 0; c < dk; c++) {
        t[c * count + r] = x[at + c];
      }
    }
  }

  /**
   * out[r] = x_i . t[., r] for the head's row i of x (from {@code at}) against the transposed rows
   * t: each sum from 0, c ascending, as a dot product adds them.
   */
  private void products(float[] x, int at, float[] t, float[] out, int count) {
    java.util.Arrays.fill(out, 0, count, 0f);
    for (int c = 0; c < dk; c++) {
      float xc = x[at + c];
      int tc = c * count;
      for (int r = 0; r < count; r++) {
        out[r] += xc * t[tc + r];
      }
    }
  }

  /** softmax(Q K^T / sqrt(d_k)) V for every head of example e; fills p and o. */
  private void attendExample(int e) {
    float scale = (float) (1 / Math.sqrt(dk));
    int[] real = realTokens(e);
    int count = real.length;
    float[] scores = new float[count];
    float[] kt = new float[dk * count];
    for (int hd = 0; hd < heads; hd++) {
      int off = hd * dk;
      int pBase = ((e * heads) + hd) * length * length;
      transposeHead(k, e, off, real, kt);
      for (int i : real) {
        int qi = (e * length + i) * d + off;
        products(q, qi, kt, scores, count);
        float max = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < count; r++) {
          scores[r] = scores[r] * scale;
          max = Math.max(max, scores[r]);
        }
        float sum = 0;
        for (int r = 0; r < count; r++) {
          scores[r] = (float) Math.exp(scores[r] - max);
          sum += scores[r];
        }
        int oi = (e * length + i) * d + off;
        for (int r = 0; r < count; r++) {
          float weight = scores[r] / sum;
          p[pBase + i * length + real[r]] = weight;
          int vj = (e * length + real[r]) * d + off;
          for (int c = 0; c < dk; c++) {
            o[oi + c] += weight * v[vj + c];
          }
        }
      }
    }
  }

  /** MLP of mlpIn; fills h and g; returns the MLP rows. */
  private float[] mlp(Parameters w) {
    LayerProducts.affine(mlpIn, rows, d, w.w1(), m, w.b1(), h);
    if (gelu) {
      // GELU and its derivative from one tanh (the values gelu and geluDerivative give), in three
      // passes: the JIT vectorises the first and the last, which a call of Math.exp in the loop
      // kept scalar; the same expressions, so the same floats
      for (int i = 0; i < h.length; i++) {
        float x = h[i];
        exps[i] = 2 * (GELU_C * (x + 0.044715 * x * x * x)); // 2u for tanh u
      }
      for (int i = 0; i < h.length; i++) {
        exps[i] = Math.exp(exps[i]);
      }
      for (int i = 0; i < h.length; i++) {
        float x = h[i];
        double t = 1 - 2 / (exps[i] + 1); // tanh u
        double du = GELU_C * (1 + 3 * 0.044715 * x * x);
        g[i] = (float) (0.5 * x * (1 + t));
        slope[i] = (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
      }
    } else {
      for (int i = 0; i < h.length; i++) {
        g[i] = Math.max(0f, h[i]);
      }
    }
    float[] f = new float[rows * d];
    LayerProducts.affine(g, rows, m, w.w2(), d, w.b2(), f);
    return f;
  }

  /**
   * Gradients of the last forward pass: returns dX [M, d] and fills the parameter gradients
   * (same layout as {@link Parameters}).
   */
  float[] backward(float[] dy, Parameters w, Parameters grad) {
    float[] dx = new float[rows * d];
    if (preNorm) {
      // Y = Z + MLP(LN2(Z)); Z = X + MHA(LN1(X))
      float[] dz = dy.clone();
      float[] dMlpIn = mlpBackward(Dropout.backward(dy, mlpDropout), w, grad);
      LayerNormKernel.backward(rows, d, dMlpIn, w.gain2(), norm2Hat, norm2Scale, grad.gain2(),
          grad.bias2(), dz);
      float[] dAttnIn = attentionBackward(Dropout.backward(dz, attentionDropout), w, grad);
      System.arraycopy(dz, 0, dx, 0, dx.length);
      LayerNormKernel.backward(rows, d, dAttnIn, w.gain1(), norm1Hat, norm1Scale, grad.gain1(),
          grad.bias1(), dx);
    } else {
      // Y = LN2(Z + MLP(Z)); Z = LN1(X + MHA(X))
      float[] dr2 = new float[rows * d];
      LayerNormKernel.backward(rows, d, dy, w.gain2(), norm2Hat, norm2Scale, grad.gain2(),
          grad.bias2(), dr2);
      float[] dz = mlpBackward(Dropout.backward(dr2, mlpDropout), w, grad);
      for (int i = 0; i < dz.length; i++) {
        dz[i] += dr2[i];
      }
      float[] dr1 = new float[rows * d];
      LayerNormKernel.backward(rows, d, dz, w.gain1(), norm1Hat, norm1Scale, grad.gain1(),
          grad.bias1(), dr1);
      float[] dAttnIn = attentionBackward(Dropout.backward(dr1, attentionDropout), w, grad);
      for (int i = 0; i < dx.length; i++) {
        dx[i] = dr1[i] + dAttnIn[i];
      }
    }
    return dx;
  }

  /** Given dF (gradient of the MLP's output), fills W1, b1, W2, b2 gradients; returns d(mlpIn). */
  private float[] mlpBackward(float[] df, Parameters w, Parameters grad) {
    LayerProducts.weightGradient(g, rows, m, df, d, grad.w2(), grad.b2());
    float[] dg = new float[rows * m];
    LayerProducts.multiply(df, rows, d, false, w.w2(), m, d, true, dg); // dF W2^T
    for (int i = 0; i < dg.length; i++) {
      dg[i] *= gelu ? slope[i] : (h[i] > 0 ? 1f : 0f);
    }
    LayerProducts.weightGradient(mlpIn, rows, d, dg, m, grad.w1(), grad.b1());
    float[] dIn = new float[rows * d];
    LayerProducts.multiply(dg, rows, m, false, w.w1(), d, m, true, dIn); // dH W1^T
    return dIn;
  }

  /** Given dA (gradient of MHA's output), fills the projection gradients; returns d(attnIn). */
  private float[] attentionBackward(float[] da, Parameters w, Parameters grad) {
    LayerProducts.weightGradient(o, rows, d, da, d, grad.wo(), grad.bo());
    float[] dO = new float[rows * d];
    LayerProducts.multiply(da, rows, d, false, w.wo(), d, d, true, dO);
    float[] dq = new float[rows * d];
    float[] dk = new float[rows * d];
    float[] dv = new float[rows * d];
    if (ranInterleaved) {
      interleaved.backward(dO, dq, dk, dv);
    } else {
      int n = rows / length;
      for (int e = 0; e < n; e++) {
        attendBackward(e, dO, dq, dk, dv);
      }
    }
    LayerProducts.weightGradient(attnIn, rows, d, dq, d, grad.wq(), grad.bq());
    LayerProducts.weightGradient(attnIn, rows, d, dk, d, grad.wk(), grad.bk());
    LayerProducts.weightGradient(attnIn, rows, d, dv, d, grad.wv(), grad.bv());
    float[] dIn = new float[rows * d];
    LayerProducts.multiply(dq, rows, d, false, w.wq(), d, d, true, dIn);
    LayerProducts.multiplyAdd(dk, rows, d, w.wk(), d, dIn);
    LayerProducts.multiplyAdd(dv, rows, d, w.wv(), d, dIn);
    return dIn;
  }

  /** The attention gradients of example e: dQ, dK, dV from dO (disjoint rows per example). */
  private void attendBackward(int e, float[] dO, float[] dq, float[] dk, float[] dv) {
    float scale = (float) (1 / Math.sqrt(this.dk));
    int[] real = realTokens(e);
    int count = real.length;
    float[] dp = new float[count];
    float[] vt = new float[this.dk * count];
    for (int hd = 0; hd < heads; hd++) {
      int off = hd * this.dk;
      int pBase = ((e * heads) + hd) * length * length;
      transposeHead(v, e, off, real, vt);
      for (int i : real) {
        int oi = (e * length + i) * d + off;
        int pi = pBase + i * length;
        // dP_ij = dO_i . V_j ; dV_j += P_ij dO_i
        products(dO, oi, vt, dp, count);
        float dot = 0;
        for (int r = 0; r < count; r++) {
          int vj = (e * length + real[r]) * d + off;
          float pij = p[pi + real[r]];
          for (int c = 0; c < this.dk; c++) {
            dv[vj + c] += pij * dO[oi + c];
          }
          dot += dp[r] * pij;
        }
        // dS_ij = P_ij (dP_ij - sum_l dP_il P_il), then through the 1/sqrt(d_k) scale
        int qi = (e * length + i) * d + off;
        for (int r = 0; r < count; r++) {
          float ds = p[pi + real[r]] * (dp[r] - dot) * scale;
          int kj = (e * length + real[r]) * d + off;
          for (int c = 0; c < this.dk; c++) {
            dq[qi + c] += ds * k[kj + c];
            dk[kj + c] += ds * q[qi + c];
          }
        }
      }
    }
  }

  private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

  /** GELU, tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) (Hendrycks and Gimpel). */
  static float gelu(float x) {
    double t = tanh(GELU_C * (x + 0.044715 * x * x * x));
    return (float) (0.5 * x * (1 + t));
  }

  /** tanh u = 1 - 2 / (exp(2u) + 1): Math.exp is an intrinsic, Math.tanh (StrictMath) is not. */
  private static double tanh(double u) {
    return 1 - 2 / (Math.exp(2 * u) + 1);
  }

  static float geluDerivative(float x) {
    double u = GELU_C * (x + 0.044715 * x * x * x);
    double t = tanh(u);
    double du = GELU_C * (1 + 3 * 0.044715 * x * x);
    return (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
  }
}
