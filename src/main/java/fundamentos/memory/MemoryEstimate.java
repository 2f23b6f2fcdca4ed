package fundamentos.memory;

/**
 * What a computation will allocate, in bytes, on the JVM heap (Java arrays) and off it (ND4J
 * arrays, native matrices); each scheme's engine computes one from n, d and its options before
 * allocating, and {@link MemoryBudget#require} compares it with what is available.
 */
public record MemoryEstimate(long heapBytes, long offHeapBytes) {

  /** The sum of two estimates (saturating: absurd settings must not overflow). */
  public MemoryEstimate plus(MemoryEstimate other) {
    return new MemoryEstimate(MemoryBudget.plus(heapBytes, other.heapBytes),
        MemoryBudget.plus(offHeapBytes, other.offHeapBytes));
  }
}
