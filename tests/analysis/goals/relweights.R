# Reference values for the key-driver analysis (analysis/goals/drivers.c).
# Johnson's (2000) relative weights, written out in base R from the formula in
# the relative-weights method (docs/statistics.md, "Key drivers"), so that no extra package is needed:
#   R_xx = V diag(lambda) V',  L = V diag(sqrt(lambda)) V',  beta = L^-1 r_xy,
#   eps_j = sum_k L[j,k]^2 beta_k^2,  sum_j eps_j = R^2.
# Writes, into tests/data/goals/ (run from the project root, or pass the folder):
#   drivers-items.csv     a synthetic survey: 6 boxes + outcome, 3 items each, 1-5
#   drivers-expected.csv  weights per group (all, unit a, unit b) on those items
#   corr-bh1996.csv, corr-bfi.csv  correlation matrices of two real data sets
#   corr-expected.csv     their weights
# Rscript tests/analysis/goals/relweights.R [tests/data/goals]
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args)) args[1] else "tests/data/goals"

relweights <- function(R) {
  p <- ncol(R) - 1
  rxx <- R[1:p, 1:p, drop = FALSE]
  rxy <- R[1:p, p + 1]
  e <- eigen(rxx, symmetric = TRUE)
  L <- e$vectors %*% diag(sqrt(e$values), p) %*% t(e$vectors)
  beta <- solve(L, rxy)
  eps <- as.vector((L^2) %*% (beta^2))
  list(eps = eps, r2 = sum(eps))
}
fmt <- function(x) trimws(formatC(x, digits = 17, format = "g"))

# ---- (a) a synthetic survey with a known structure ---------------------------------
RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20261128)
n <- 400
boxes <- c("purposes", "structure", "relationships", "rewards", "leadership",
           "helpful-mechanisms")
g <- rnorm(n)
lat <- sapply(1:6, function(k) 0.6 * g + 0.8 * rnorm(n))
outcome <- as.vector(lat %*% c(0.30, 0.10, 0.20, 0.05, 0.35, 0.15)) + 0.7 * rnorm(n)
lat <- cbind(lat, outcome / sd(outcome))
item <- function(z, reverse) {
  v <- pmin(5, pmax(1, round(3 + 0.9 * z + 0.7 * rnorm(length(z)))))
  if (reverse) v <- 6 - v
  v[runif(length(z)) < 0.05] <- NA
  v
}
answers <- do.call(cbind, lapply(1:7, function(k)
  sapply(1:3, function(i) item(lat[, k], reverse = (i == 3)))))
colnames(answers) <- paste0("i", rep(1:7, each = 3), "_", rep(1:3, 7))
unit <- ifelse(seq_len(n) <= 250, "a", "b")
d <- data.frame(unit = unit, answers, check.names = FALSE)
write.csv(d, file.path(out, "drivers-items.csv"), row.names = FALSE, na = "",
          quote = FALSE)

# Scale score: mean of the answered items, the third item reversed (6 - x), needing
# at least 60 % of the items (2 of 3).
score <- function(k) {
  m <- answers[, (3 * k - 2):(3 * k)]
  m[, 3] <- 6 - m[, 3]
  s <- rowMeans(m, na.rm = TRUE)
  s[rowSums(!is.na(m)) * 100 < 60 * 3] <- NA
  s
}
scores <- sapply(1:7, score)
rows <- list()
for (grp in c("all", "a", "b")) {
  x <- scores[if (grp == "all") TRUE else unit == grp, ]
  x <- x[complete.cases(x), ]
  rw <- relweights(cor(x))
  rows[[grp]] <- data.frame(group = grp, scale = c(boxes, "r2", "n"),
                            value = c(fmt(rw$eps), fmt(rw$r2), nrow(x)))
}
write.csv(do.call(rbind, rows), file.path(out, "drivers-expected.csv"),
          row.names = FALSE, quote = FALSE)

# ---- (b) real data: multilevel::bh1996 and psych::bfi ------------------------------
corr_rows <- list()
write_corr <- function(name, x) {
  R <- cor(x[complete.cases(x), ])
  write.table(matrix(fmt(R), nrow(R)), file.path(out, paste0("corr-", name, ".csv")),
              sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
  rw <- relweights(R)
  corr_rows[[name]] <<- data.frame(group = name, index = c(seq_along(rw$eps) - 1, "r2"),
                                   value = fmt(c(rw$eps, rw$r2)))
  invisible(rw)
}
if (requireNamespace("multilevel", quietly = TRUE)) {
  data("bh1996", package = "multilevel", envir = environment())
  rw <- write_corr("bh1996", bh1996[, c("COHES", "LEAD", "HRS", "WBEING")])
  # These values come from an independent computation.
  ref <- c(0.0295746070581056, 0.14889821907851, 0.0179146882292534)
  stopifnot(max(abs(rw$eps - ref)) < 1e-12)
}
if (requireNamespace("psych", quietly = TRUE)) {
  data("bfi", package = "psych", envir = environment())
  keys <- list(A = c(-1, 2, 3, 4, 5), C = c(6, 7, 8, -9, -10), E = c(-11, -12, 13, 14, 15),
               N = 16:20, O = c(21, -22, 23, 24, -25))
  sc <- sapply(keys, function(k) {
    m <- as.matrix(bfi[, abs(k)])
    m[, k < 0] <- 7 - m[, k < 0]
    rowMeans(m, na.rm = TRUE)
  })
  write_corr("bfi", cbind(sc, age = bfi$age))
}
write.csv(do.call(rbind, corr_rows), file.path(out, "corr-expected.csv"),
          row.names = FALSE, quote = FALSE)
