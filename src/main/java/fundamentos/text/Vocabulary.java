package fundamentos.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words a text model knows, learned from training texts: each text is split into lower-case
 * words (maximal runs of letters and digits), and the words seen in at least {@code minCount}
 * training texts, at most {@code maxSize} of them by descending count (ties alphabetical), get the
 * ids 2, 3, ... Id 0 is padding, id 1 every unknown word (seen too rarely, or only at test time).
 */
public final class Vocabulary implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The id of padding (no token). */
  public static final int PADDING = 0;
  /** The id of a word outside the vocabulary. */
  public static final int UNKNOWN = 1;

  private final Map<String, Integer> ids;
  private final String[] words;

  private Vocabulary(String[] words) {
    this.words = words;
    this.ids = new HashMap<>();
    for (int i = 0; i < words.length; i++) {
      ids.put(words[i], i + 2);
    }
  }

  /** The lower-case words of a text, in order. */
  public static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean word = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        tokens.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
    }
    return tokens;
  }

  /** Learns the vocabulary from training texts. */
  public static Vocabulary fit(List<String> texts, int minCount, int maxSize) {
    if (minCount < 1 || maxSize < 1) {
      throw new IllegalArgumentException("A vocabulary needs a minimum count >= 1 and room for at "
          + "least one word, not " + minCount + " and " + maxSize);
    }
    Map<String, Integer> documents = new HashMap<>();
    for (String text : texts) {
      for (String word : new java.util.HashSet<>(tokenize(text))) {
        documents.merge(word, 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> frequent = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : documents.entrySet()) {
      if (entry.getValue() >= minCount) {
        frequent.add(entry);
      }
    }
    frequent.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
        : Integer.compare(b.getValue(), a.getValue()));
    String[] words = new String[Math.min(maxSize, frequent.size())];
    for (int i = 0; i < words.length; i++) {
      words[i] = frequent.get(i).getKey();
    }
    return new Vocabulary(words);
  }

  /** Number of ids, padding and unknown included. */
  public int size() {
    return words.length + 2;
  }

  /** The id of a (lower-case) word: {@link #UNKNOWN} outside the vocabulary. */
  public int id(String word) {
    return ids.getOrDefault(word, UNKNOWN);
  }

  /** The word of an id ("<pad>", "<unk>" for the reserved ids). */
  public String word(int id) {
    return id == PADDING ? "<pad>" : id == UNKNOWN ? "<unk>" : words[id - 2];
  }

  /**
   * The ids of a text's first {@code length} words, padded with 0; a text without any word gets
   * one {@link #UNKNOWN} token, so that every sequence has a real token.
   */
  public int[] ids(String text, int length) {
    List<String> tokens = tokenize(text);
    int[] result = new int[length];
    if (tokens.isEmpty()) {
      result[0] = UNKNOWN;
      return result;
    }
    for (int i = 0; i < Math.min(length, tokens.size()); i++) {
      result[i] = id(tokens.get(i));
    }
    return result;
  }
}
