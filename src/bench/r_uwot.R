# R's uwot (UMAP in C++ through Rcpp) on the rows fashion_data.py wrote (<prefix>.u8: rows x 784 grey
# levels, one byte each), with umap-learn's defaults as uwot spells them: 15 neighbours (Annoy
# above 4,096 rows, exact below), min_dist 0.1, spectral start, 500 epochs up to 10,000 rows and
# 200 above, THREADS threads for the neighbour search and for the layout (n_sgd_threads, which uwot
# leaves at 0 by default, so that the layout gets the same threads as the other tools').
#
# usage: Rscript src/bench/r_uwot.R <prefix> <rows> <threads>
# Reading the file is not timed. Prints one line: fit seconds (uwot::umap, elapsed), rows embedded.
# uwot's verbose log (stderr) shows the time of each stage.
suppressPackageStartupMessages(library(uwot))
args <- commandArgs(trailingOnly = TRUE)
prefix <- args[1]
rows <- as.integer(args[2])
threads <- as.integer(args[3])
con <- file(paste0(prefix, ".u8"), "rb")
pixels <- readBin(con, "raw", n = rows * 784)
close(con)
x <- matrix(as.numeric(as.integer(pixels)), nrow = rows, ncol = 784, byrow = TRUE)
rm(pixels)
start <- proc.time()[["elapsed"]]
embedding <- umap(x, n_neighbors = 15, min_dist = 0.1, n_threads = threads,
                  n_sgd_threads = threads, verbose = TRUE)
seconds <- proc.time()[["elapsed"]] - start
cat(sprintf("%.2f %d\n", seconds, nrow(embedding)))
