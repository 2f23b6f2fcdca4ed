package fundamentos.deep;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first layer of a Transformer (course sections 3.7-3.8): turns one flat input row into a
 * sequence of d-dimensional tokens (DL4J's recurrent layout [batch, d, tokens]), optionally preceded
 * by a learned classification (CLS) token, plus positional encodings (sinusoidal, Eqs. 3.48-3.49,
 * or learned). The token source decides what a row holds:
 *
 * <ul>
 *   <li>{@link Source#PATCHES}: an image, channels first (C x H x W); each p x p patch, flattened,
 *   is projected linearly to d values (ViT, Dosovitskiy et al. 2021). H and W must be multiples of
 *   p.</li>
 *   <li>{@link Source#ATTRIBUTES}: encoded attribute columns (a standardised number, or a nominal
 *   value's one-hot columns); attribute a's token is sum over its columns c of x_c E_c + e_a, so a
 *   number scales a learned direction and a nominal value picks a learned vector (FT-Transformer,
 *   Gorishniy et al. 2021).</li>
 *   <li>{@link Source#WORDS}: word ids (0 = padding, 1 = unknown word), looked up in a learned
 *   table by the layer in front ({@link #wordVectors}).</li>
 *   <li>{@link Source#STEPS}: the steps of a multivariate sequence, each c values and a presence
 *   flag (0 = padding), projected linearly to d values.</li>
 * </ul>
 * Which tokens are real (the padding mask the encoder blocks and pooling need) is read from the row
 * itself: {@link #mask}.
 */
public class TokenEmbedding extends HandWrittenLayerConfiguration {

  /** Where the tokens come from. */
  public enum Source { PATCHES, ATTRIBUTES, WORDS, STEPS }

  private Source source;
  private long model;
  private long tokens;
  private boolean classToken;
  private boolean learnedPositions;
  private long channels;
  private long height;
  private long width;
  private long patch;
  private int[] attributeOfColumn = new int[0];
  private long vocabulary;
  /** Attribute tokens: the word tokens after them (0 for none). */
  private long words;
  private double dropout;

  /** For DL4J's JSON deserialisation. */
  protected TokenEmbedding() {
  }

  private TokenEmbedding(Source source, long model, long tokens, boolean classToken,
      boolean learnedPositions) {
    if (model < 1 || tokens < 1) {
      throw new IllegalArgumentException("Token embeddings need d >= 1 and at least one token, not "
          + "d = " + model + ", tokens = " + tokens);
    }
    this.source = source;
    this.model = model;
    this.tokens = tokens;
    this.classToken = classToken;
    this.learnedPositions = learnedPositions;
  }

  /** ViT patches of an image of {@code channels x height x width}, {@code patch x patch} each. */
  public static TokenEmbedding patches(long channels, long height, long width, long patch,
      long model, boolean classToken, boolean learnedPositions) {
    if (patch < 1 || height % patch != 0 || width % patch != 0) {
      throw new IllegalArgumentException("The patch size " + patch + " does not divide the "
          + height + "x" + width + " image into whole patches: choose a divisor of both sides.");
    }
    TokenEmbedding layer = new TokenEmbedding(Source.PATCHES, model,
        (height / patch) * (width / patch), classToken, learnedPositions);
    layer.channels = channels;
    layer.height = height;
    layer.width = width;
    layer.patch = patch;
    return layer;
  }

  /**
   * The automatic patch side for an image of {@code height x width}: the largest side that divides
   * both and still cuts the image into at least {@code minPatches} patches (2 for 8x8 and 16
   * patches, 7 for 28x28, 8 for 32x32); 1 when no larger side does. Coarser patches mean fewer
   * tokens and faster epochs (attention costs the square of the token count); at least 16 tokens
   * leave attention something to relate.
   */
  public static int coarsestPatch(long height, long width, long minPatches) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("An image needs a height and width >= 1, not " + height
          + "x" + width);
    }
    for (long side = Math.min(height, width); side > 1; side--) {
      if (height % side == 0 && width % side == 0 && (height / side) * (width / side) >= minPatches) {
        return (int) side;
      }
    }
    return 1;
  }

  /**
   * One token per attribute.
   *
   * @param attributeOfColumn for every input column, the attribute (token) it belongs to, 0 .. A-1
   */
  public static TokenEmbedding attributes(int[] attributeOfColumn, long model, boolean classToken,
      boolean learnedPositions) {
    return attributesAndWords(attributeOfColumn, 0, 0, model, classToken, learnedPositions);
  }

  /**
   * One token per attribute followed by {@code words} word tokens (ids below {@code vocabulary}, 0
   * padding, looked up in a learned table "V"): text mixed with ordinary attributes. A row holds
   * the attribute columns, then the word ids.
   */
  public static TokenEmbedding attributesAndWords(int[] attributeOfColumn, long vocabulary,
      long words, long model, boolean classToken, boolean learnedPositions) {
    int count = 0;
    for (int a : attributeOfColumn) {
      count = Math.max(count, a + 1);
    }
    TokenEmbedding layer = new TokenEmbedding(Source.ATTRIBUTES, model, count + words, classToken,
        learnedPositions);
    layer.vocabulary = vocabulary;
    layer.words = words;
    layer.attributeOfColumn = attributeOfColumn.clone();
    return layer;
  }

  /**
   * Word vectors of {@code length} words, looked up by the layer before it ({@link #wordVectors});
   * the network's input rows are word ids below {@code vocabulary} (0 padding, 1 unknown).
   */
  public static TokenEmbedding words(long vocabulary, long length, long model, boolean classToken,
      boolean learnedPositions) {
    TokenEmbedding layer = new TokenEmbedding(Source.WORDS, model, length, classToken,
        learnedPositions);
    layer.vocabulary = vocabulary;
    return layer;
  }

  /**
   * The learned word-vector table that looks up the ids in front of a {@link Source#WORDS}
   * embedding: DL4J's own EmbeddingSequenceLayer, [N, T] ids to [N, d, T], whose backward pass
   * adds each token's gradient to its word's row (SameDiff's gather in M2.1 put the rows of the
   * gradient in the wrong places, measured against finite differences). Unit-normal vectors, as
   * PyTorch's nn.Embedding.
   */
  public org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer wordVectors() {
    return new org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer.Builder().nIn(vocabulary)
        .nOut(model).inputLength((int) tokens).hasBias(false)
        .weightInit(new org.deeplearning4j.nn.conf.distribution.NormalDistribution(0, 1)).build();
  }

  /** {@code length} steps of {@code channels} values and a presence flag each. */
  public static TokenEmbedding steps(long channels, long length, long model, boolean classToken,
      boolean learnedPositions) {
    TokenEmbedding layer = new TokenEmbedding(Source.STEPS, model, length, classToken,
        learnedPositions);
    layer.channels = channels;
    return layer;
  }

  @Override
  HandWrittenLayer handWrittenLayer(NeuralNetConfiguration conf, DataType dataType) {
    return new TokenEmbeddingLayer(conf, dataType);
  }

  /** Values in one input row of the network. */
  public long inputSize() {
    return switch (source) {
      case PATCHES -> channels * height * width;
      case ATTRIBUTES -> attributeOfColumn.length + words;
      case WORDS -> tokens;
      case STEPS -> tokens * (channels + 1);
    };
  }

  /** Attribute tokens: how many come from attributes (the rest are words). */
  public long attributeTokens() {
    return tokens - words;
  }

  /** Tokens in the output sequence, the CLS token included. */
  public long outputTokens() {
    return tokens + (classToken ? 1 : 0);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.recurrent(model, outputTokens());
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    long in = switch (source) {
      case PATCHES -> channels * patch * patch;
      case ATTRIBUTES -> attributeOfColumn.length;
      case WORDS -> 0;
      case STEPS -> channels;
    };
    if (source != Source.WORDS) {
      params.addWeightParam("E", in, model);
      params.addBiasParam("e", source == Source.ATTRIBUTES ? attributeTokens() : 1, model);
    }
    if (words > 0) {
      params.addWeightParam("V", vocabulary, model);
    }
    if (classToken) {
      params.addBiasParam("cls", 1, model);
    }
    if (learnedPositions) {
      params.addBiasParam("P", outputTokens(), model);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    // projections keep the variance of standardised inputs (std 1 / sqrt(fan in)); a single
    // attribute direction gets a unit-variance vector
    INDArray e = params.get("E");
    if (e != null) {
      double std = source == Source.ATTRIBUTES ? 1 : 1 / Math.sqrt(e.size(0));
      e.assign(Nd4j.randn(e.dataType(), e.shape()).muli(std));
    }
    for (Map.Entry<String, INDArray> entry : params.entrySet()) {
      switch (entry.getKey()) {
        case "P" -> entry.getValue().assign(Nd4j.randn(entry.getValue().dataType(),
            entry.getValue().shape()).muli(0.02));
        // word vectors: unit normal, as PyTorch's nn.Embedding
        case "V" -> entry.getValue().assign(Nd4j.randn(entry.getValue().dataType(),
            entry.getValue().shape()));
        case "E" -> { }
        default -> entry.getValue().assign(0);
      }
    }
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params,
      SDVariable mask) {
    SDVariable embedding = params.get("E");
    SDVariable t; // [N, T, d]
    switch (source) {
      case PATCHES -> {
        // [N, C, H/p, p, W/p, p] -> [N, H/p, W/p, C, p, p]: one row per patch, row-major over the
        // patch grid, the patch's values channel by channel
        long rows = height / patch;
        long columns = width / patch;
        t = x.reshape(-1, channels, rows, patch, columns, patch).permute(0, 2, 4, 1, 3, 5)
            .reshape(-1, channels * patch * patch).mmul(embedding).add(params.get("e"))
            .reshape(-1, tokens, model);
      }
      case ATTRIBUTES -> {
        // x_c E_c for every column, [N, F, d], then summed by attribute with the 0/1 assignment
        // matrix S [A, F]
        long f = attributeOfColumn.length;
        long a = attributeTokens();
        float[] assignment = new float[(int) (a * f)];
        for (int c = 0; c < f; c++) {
          assignment[(int) (attributeOfColumn[c] * f + c)] = 1;
        }
        SDVariable s = sd.constant(Nd4j.create(assignment, new long[] {a, f}, 'c')
            .castTo(x.dataType()));
        SDVariable columns = words > 0 ? x.get(SDIndex.all(), SDIndex.interval(0L, f)) : x;
        SDVariable scaled = columns.reshape(-1, f, 1).mul(embedding); // [N, F, d]
        SDVariable summed = s.mmul(scaled.permute(1, 0, 2).reshape(f, -1)); // [A, N*d]
        t = summed.reshape(a, -1, model).permute(1, 0, 2).add(params.get("e"));
        if (words > 0) {
          // the reference looks words up as one-hot rows times the table (SameDiff's gather
          // misplaces gradients, see wordVectors); the hand-written layer indexes the table
          SDVariable ids = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd,
              x.get(SDIndex.all(), SDIndex.interval(f, f + words))).outputVariable()
              .castTo(org.nd4j.linalg.api.buffer.DataType.INT);
          SDVariable vectors = sd.oneHot(ids, (int) vocabulary).castTo(x.dataType())
              .reshape(-1, vocabulary).mmul(params.get("V")).reshape(-1, words, model);
          t = sd.concat(1, t, vectors);
        }
      }
      case WORDS -> t = x.permute(0, 2, 1); // looked up by the EmbeddingSequenceLayer before
      case STEPS -> {
        SDVariable values = x.reshape(-1, tokens, channels + 1)
            .get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, channels));
        t = values.reshape(-1, channels).mmul(embedding).add(params.get("e"))
            .reshape(-1, tokens, model);
      }
      default -> throw new IllegalStateException("unknown token source " + source);
    }
    if (classToken) {
      // the same learned vector in front of every sequence
      SDVariable first = t.get(SDIndex.all(), SDIndex.interval(0L, 1L), SDIndex.all()).mul(0.0)
          .add(params.get("cls").reshape(1, 1, model));
      t = sd.concat(1, first, t);
    }
    SDVariable positions = learnedPositions ? params.get("P")
        : sd.constant(Nd4j.create(PositionalEncoding.sinusoidal((int) outputTokens(), (int) model),
            new long[] {outputTokens(), model}, 'c').castTo(x.dataType()));
    t = t.add(positions);
    return SameDiffGradient.halved(sd, t.permute(0, 2, 1));
  }

  /**
   * Which tokens of a batch of the network's input rows are real (1) or padding (0), [N, tokens]
   * (without the CLS token, which {@link #feedForwardMaskArray} adds), or null when every token is
   * real (patches, attributes).
   */
  public INDArray mask(INDArray rows) {
    INDArray present = switch (source) {
      case WORDS -> rows.neq(0).castTo(rows.dataType());
      case STEPS -> rows.reshape(rows.size(0), tokens, channels + 1)
          .get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
              org.nd4j.linalg.indexing.NDArrayIndex.all(),
              org.nd4j.linalg.indexing.NDArrayIndex.point(channels)).dup();
      case ATTRIBUTES -> words == 0 ? null : Nd4j.concat(1,
          Nd4j.ones(rows.dataType(), rows.size(0), attributeTokens()),
          rows.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
              org.nd4j.linalg.indexing.NDArrayIndex.interval(attributeOfColumn.length,
                  attributeOfColumn.length + words)).neq(0).castTo(rows.dataType()));
      default -> null;
    };
    return present;
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray,
      MaskState currentMaskState, int minibatchSize) {
    if (maskArray == null || !classToken) {
      return new Pair<>(maskArray, currentMaskState);
    }
    // the CLS token is always real
    return new Pair<>(Nd4j.concat(1, Nd4j.ones(maskArray.dataType(), maskArray.size(0), 1),
        maskArray), currentMaskState);
  }

  /** A short description for the network summary. */
  public String describe() {
    String what = switch (source) {
      case PATCHES -> patch + "x" + patch + " patches of " + channels + "x" + height + "x" + width;
      case ATTRIBUTES -> "attribute tokens" + (words > 0 ? " + " + words + " word tokens ("
          + vocabulary + " ids)" : "");
      case WORDS -> "word embeddings (" + vocabulary + " ids)";
      case STEPS -> "sequence steps of " + channels + " values";
    };
    return what + (classToken ? " + CLS" : "") + " + " + (learnedPositions ? "learned" : "sinusoidal")
        + " positions";
  }

  public Source getSource() {
    return source;
  }

  public void setSource(Source source) {
    this.source = source;
  }

  public long getModel() {
    return model;
  }

  public void setModel(long model) {
    this.model = model;
  }

  public long getTokens() {
    return tokens;
  }

  public void setTokens(long tokens) {
    this.tokens = tokens;
  }

  public boolean isClassToken() {
    return classToken;
  }

  public void setClassToken(boolean classToken) {
    this.classToken = classToken;
  }

  public boolean isLearnedPositions() {
    return learnedPositions;
  }

  public void setLearnedPositions(boolean learnedPositions) {
    this.learnedPositions = learnedPositions;
  }

  public long getChannels() {
    return channels;
  }

  public void setChannels(long channels) {
    this.channels = channels;
  }

  public long getHeight() {
    return height;
  }

  public void setHeight(long height) {
    this.height = height;
  }

  public long getWidth() {
    return width;
  }

  public void setWidth(long width) {
    this.width = width;
  }

  public long getPatch() {
    return patch;
  }

  public void setPatch(long patch) {
    this.patch = patch;
  }

  public int[] getAttributeOfColumn() {
    return attributeOfColumn;
  }

  public void setAttributeOfColumn(int[] attributeOfColumn) {
    this.attributeOfColumn = attributeOfColumn;
  }

  public long getVocabulary() {
    return vocabulary;
  }

  public void setVocabulary(long vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** The dropout rate in training (hand-written single-precision runs only), 0 for none. */
  public double getDropout() {
    return dropout;
  }

  public void setDropout(double dropout) {
    this.dropout = dropout;
  }

  public long getWords() {
    return words;
  }

  public void setWords(long words) {
    this.words = words;
  }
}
