package fundamentos.deep;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One Transformer encoder block (course section 3.7) as a DL4J layer on sequences of T tokens of
 * d values (DL4J's recurrent layout [batch, d, T]):
 *
 * <pre>
 *   attention, per head h:  A_h = softmax(Q_h K_h^T / sqrt(d_k)) V_h     (Eq. 3.50)
 *   multi-head:             MHA(X) = concat(A_1 .. A_H) W_o + b_o,  Q_h, K_h, V_h from X W + b
 *   post-norm (default):    Z = LayerNorm(X + MHA(X)),  Y = LayerNorm(Z + MLP(Z))   (Eqs. 3.51-3.52)
 *   pre-norm:               Z = X + MHA(LayerNorm(X)),  Y = Z + MLP(LayerNorm(Z))
 *   MLP(Z) = act(Z W_1 + b_1) W_2 + b_2,  act ReLU or GELU
 * </pre>
 * d_k = d / H. Padded tokens (mask 0) get no attention: their scores are pushed to -1e9 before the
 * softmax. Written in SameDiff, so DL4J derives the backward pass; the fields are what DL4J's JSON
 * configuration stores.
 */
public class EncoderBlock extends HandWrittenLayerConfiguration {

  static final String[] PROJECTIONS = {"q", "k", "v", "o"};

  private long model;
  private long heads;
  private long hidden;
  private long length;
  private boolean preNorm;
  private boolean gelu;
  private double epsilon = 1e-5;
  private double dropout;

  /** For DL4J's JSON deserialisation. */
  protected EncoderBlock() {
  }

  /**
   * @param model d, the width of a token
   * @param heads H, which must divide d
   * @param hidden the width of the MLP's hidden layer
   * @param length T, the number of tokens
   */
  public EncoderBlock(long model, long heads, long hidden, long length, boolean preNorm,
      boolean gelu) {
    if (model < 1 || heads < 1 || model % heads != 0 || hidden < 1 || length < 1) {
      throw new IllegalArgumentException("An encoder block needs d >= 1 divisible by the number of"
          + " heads, an MLP width >= 1 and at least one token, not d = " + model + ", heads = "
          + heads + ", MLP width = " + hidden + ", tokens = " + length);
    }
    this.model = model;
    this.heads = heads;
    this.hidden = hidden;
    this.length = length;
    this.preNorm = preNorm;
    this.gelu = gelu;
  }

  @Override
  HandWrittenLayer handWrittenLayer(NeuralNetConfiguration conf, DataType dataType) {
    return new EncoderBlockLayer(conf, dataType);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.recurrent(model, length);
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    for (String p : PROJECTIONS) {
      params.addWeightParam("W" + p, model, model);
      params.addBiasParam("b" + p, 1, model);
    }
    params.addWeightParam("W1", model, hidden);
    params.addBiasParam("b1", 1, hidden);
    params.addWeightParam("W2", hidden, model);
    params.addBiasParam("b2", 1, model);
    for (String norm : new String[] {"norm1", "norm2"}) {
      // gains are declared as biases: no weight decay on them
      params.addBiasParam(norm + "Gain", 1, model);
      params.addBiasParam(norm + "Bias", 1, model);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    // PyTorch's initialisation of the same block (nn.TransformerEncoderLayer), so that the two
    // models of the ViT benchmark start alike: the query, key and value projections are one
    // 3d x d matrix there, Glorot uniform (variance 2 / (d + 3d)); the output projection and the
    // two MLP matrices are nn.Linear's default, He uniform with a = sqrt(5) (variance
    // 1 / (3 fan in)). Uniform with bound sqrt(3 variance); zero biases, unit gains; ND4J's
    // generator is seeded by the network
    for (Map.Entry<String, INDArray> entry : params.entrySet()) {
      String name = entry.getKey();
      INDArray p = entry.getValue();
      if (name.startsWith("W")) {
        boolean stackedProjection = name.equals("Wq") || name.equals("Wk") || name.equals("Wv");
        double variance = stackedProjection ? 2.0 / (4.0 * model) : 1.0 / (3.0 * p.size(0));
        double bound = Math.sqrt(3 * variance);
        p.assign(Nd4j.rand(p.dataType(), p.shape()).muli(2 * bound).subi(bound));
      } else if (name.endsWith("Gain")) {
        p.assign(1);
      } else {
        p.assign(0);
      }
    }
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params,
      SDVariable mask) {
    SDVariable tokens = x.permute(0, 2, 1).reshape(-1, model); // [N*T, d]
    SDVariable y;
    if (preNorm) {
      SDVariable z = tokens.add(attention(sd, norm(sd, tokens, params, "norm1"), params, mask));
      y = z.add(mlp(sd, norm(sd, z, params, "norm2"), params));
    } else {
      SDVariable z = norm(sd, tokens.add(attention(sd, tokens, params, mask)), params, "norm1");
      y = norm(sd, z.add(mlp(sd, z, params)), params, "norm2");
    }
    return SameDiffGradient.halved(sd, y.reshape(-1, length, model).permute(0, 2, 1));
  }

  /** Multi-head scaled dot-product self-attention of rows [N*T, d] (Eq. 3.50). */
  private SDVariable attention(SameDiff sd, SDVariable rows, Map<String, SDVariable> params,
      SDVariable mask) {
    SDVariable[] qkv = projections(rows, params);
    SDVariable heads = sd.mmul(weights(sd, qkv, mask), qkv[2]); // [N, H, T, d_k]
    SDVariable joined = heads.permute(0, 2, 1, 3).reshape(-1, model);
    return joined.mmul(params.get("Wo")).add(params.get("bo"));
  }

  /** Q, K and V of every head, each [N, H, T, d_k]. */
  private SDVariable[] projections(SDVariable rows, Map<String, SDVariable> params) {
    long dk = model / heads;
    SDVariable[] qkv = new SDVariable[3];
    for (int i = 0; i < 3; i++) {
      String p = PROJECTIONS[i];
      // [N*T, d] -> [N, T, H, d_k] -> [N, H, T, d_k]
      qkv[i] = rows.mmul(params.get("W" + p)).add(params.get("b" + p))
          .reshape(-1, length, heads, dk).permute(0, 2, 1, 3);
    }
    return qkv;
  }

  /** The attention weights softmax(Q K^T / sqrt(d_k)) of every head, [N, H, T, T]. */
  private SDVariable weights(SameDiff sd, SDVariable[] qkv, SDVariable mask) {
    SDVariable scores = sd.mmul(qkv[0], qkv[1], false, true, false).div(Math.sqrt(model / heads));
    if (mask != null) {
      // -1e9 for the keys of padded tokens: their weights become 0 after the softmax
      scores = scores.add(mask.reshape(-1, 1, 1, length).sub(1.0).mul(1e9));
    }
    return sd.nn().softmax(scores, 3);
  }

  /**
   * The attention weights this block computes for some inputs, [N, H, T, T] (row: the querying
   * token, column: the token attended to), from its trained parameters: the same graph as the
   * layer's forward pass, stopped at the softmax.
   *
   * @param input the block's input [N, d, T]
   * @param params the block's parameters (DL4J's parameter table of the layer)
   * @param mask [N, T], 1 for real tokens, or null
   */
  public INDArray attentionWeights(INDArray input, Map<String, INDArray> params, INDArray mask) {
    SameDiff sd = SameDiff.create();
    Map<String, SDVariable> constants = new java.util.HashMap<>();
    for (Map.Entry<String, INDArray> entry : params.entrySet()) {
      constants.put(entry.getKey(), sd.constant(entry.getKey(), entry.getValue()));
    }
    SDVariable rows = sd.constant(input).permute(0, 2, 1).reshape(-1, model);
    if (preNorm) {
      rows = norm(sd, rows, constants, "norm1");
    }
    SDVariable keys = mask == null ? null : sd.constant(mask.castTo(input.dataType()));
    return weights(sd, projections(rows, constants), keys).eval();
  }

  private SDVariable mlp(SameDiff sd, SDVariable rows, Map<String, SDVariable> params) {
    SDVariable h = rows.mmul(params.get("W1")).add(params.get("b1"));
    if (gelu) {
      // tanh form, 0.5 h (1 + tanh(sqrt(2/pi) (h + 0.044715 h^3))), as EncoderBlockKernel and
      // PyTorch's gelu(approximate="tanh"); SameDiff's own gelu is the cruder h sigmoid(1.702 h)
      SDVariable inner = h.add(h.mul(h).mul(h).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
      h = h.mul(0.5).mul(sd.math().tanh(inner).add(1.0));
    } else {
      h = sd.nn().relu(h, 0);
    }
    return h.mmul(params.get("W2")).add(params.get("b2"));
  }

  /** Layer normalisation of each row over its d values, with a gain and bias per value. */
  private SDVariable norm(SameDiff sd, SDVariable rows, Map<String, SDVariable> params,
      String name) {
    return LayerNormalization.standardise(sd, rows, epsilon, 1).mul(params.get(name + "Gain"))
        .add(params.get(name + "Bias"));
  }

  public long getModel() {
    return model;
  }

  public void setModel(long model) {
    this.model = model;
  }

  public long getHeads() {
    return heads;
  }

  public void setHeads(long heads) {
    this.heads = heads;
  }

  public long getHidden() {
    return hidden;
  }

  public void setHidden(long hidden) {
    this.hidden = hidden;
  }

  public long getLength() {
    return length;
  }

  public void setLength(long length) {
    this.length = length;
  }

  public boolean isPreNorm() {
    return preNorm;
  }

  public void setPreNorm(boolean preNorm) {
    this.preNorm = preNorm;
  }

  public boolean isGelu() {
    return gelu;
  }

  public void setGelu(boolean gelu) {
    this.gelu = gelu;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }

  /** The dropout rate in training (hand-written single-precision runs only), 0 for none. */
  public double getDropout() {
    return dropout;
  }

  public void setDropout(double dropout) {
    this.dropout = dropout;
  }
}
