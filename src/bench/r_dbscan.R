# R's dbscan package (Hahsler et al., k-d tree from ANN; Debian r-cran-dbscan) on a CSV of points, as
# src/bench/cost_curves.sh runs it beside IndexedDBSCAN and scikit-learn's DBSCAN. minPts counts the
# point itself, as scikit-learn's min_samples and IndexedDBSCAN's -M do.
# usage: Rscript r_dbscan.R points.csv eps minPts
# prints: fit seconds, clusters, noise points (loading the CSV is not timed)
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(dbscan))
first <- readLines(args[1], n = 1)
d <- length(strsplit(first, ",")[[1]])
x <- matrix(scan(args[1], what = double(), sep = ",", quiet = TRUE), ncol = d, byrow = TRUE)
seconds <- system.time(fit <- dbscan(x, eps = as.numeric(args[2]), minPts = as.integer(args[3])))[["elapsed"]]
cat(sprintf("%.3f %d %d\n", seconds, max(fit$cluster), sum(fit$cluster == 0)))
