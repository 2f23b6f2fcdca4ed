package fundamentos.manifold;

/**
 * What a t-SNE fit returns: the embedded points and what the fit used.
 *
 * @param coordinates one row of {@code dimensions} coordinates per input row, centred
 * @param klDivergence the cost after the last iteration: KL(P || Q) of van der Maaten and
 *     Hinton (2008), Eq. 2, in bits (0 when nothing was optimised); Smile's over all pairs for
 *     the exact method, over the stored p_ij with the tree's Z for Barnes-Hut
 * @param perplexity the perplexity the affinities were calibrated to (lowered for small n)
 * @param inputColumns the columns t-SNE measured distances in (after the PCA pre-reduction)
 * @param varianceKept the fraction of the total variance the PCA pre-reduction kept (1 without it)
 */
public record TsneEmbedding(double[][] coordinates, double klDivergence, double perplexity,
    int inputColumns, double varianceKept) {
}
