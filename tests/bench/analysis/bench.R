# The R side of the analysis benchmark: the same 1e6 x 35 data that bench_analysis
# writes with --csv, timed in psych 2.2.9 and multilevel 2.7 as an analyst would run
# them: psych::scoreItems (impute = "none", as our scoring) and psych::alpha per scale
# on the whole organisation; multilevel::rwg.j per leaf unit and ICC1/ICC2 of each
# scale's scores over the leaf units. Reading the CSV is not timed.
# Usage: Rscript tests/bench/analysis/bench.R /tmp/sixbox-bench-analysis.csv
suppressMessages({ library(psych); library(multilevel) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args)) args[1] else "/tmp/sixbox-bench-analysis.csv")
items <- setdiff(names(d), c("unit", "forv"))
scales <- split(items, substr(items, 1, 3))
keys <- lapply(scales, function(s) ifelse(substr(s, 4, 4) %in% c("3", "5"), paste0("-", s), s))
x <- d[, items]
# elapsed and CPU (user + system) seconds: the machine may be shared, and CPU time
# is what compares fairly with bench_analysis's CPU time then.
tm <- function(label, expr) {
  t <- system.time(expr)
  r <- c(wall = t[["elapsed"]], cpu = t[["user.self"]] + t[["sys.self"]])
  cat(sprintf("%-44s %8.2f s wall %8.2f s CPU\n", label, r[["wall"]], r[["cpu"]]))
  r
}
t1 <- tm("psych::scoreItems (7 scales, impute none)",
         sc <- scoreItems(keys, x, impute = "none", min = 1, max = 7))
t2 <- tm("psych::alpha x 7 (pairwise, keyed)",
         for (k in names(keys)) suppressWarnings(alpha(x[, scales[[k]]],
           keys = scales[[k]][grepl("^-", keys[[k]])], warnings = FALSE)))
t3 <- tm("multilevel::rwg.j x 7 (leaf units)",
         for (k in names(scales)) rwg.j(x[, scales[[k]]], d$unit, ranvar = 4))
t4 <- tm("multilevel::ICC1 + ICC2 x 7 (aov on leaves)",
         for (k in names(scales)) { f <- aov(sc$scores[, k] ~ as.factor(d$unit)); ICC1(f); ICC2(f) })
tot <- t1 + t2 + t3 + t4
cat(sprintf("%-44s %8.2f s wall %8.2f s CPU\n", "R total", tot[["wall"]], tot[["cpu"]]))
cat("check against bench_analysis: alpha per scale\n"); print(round(sc$alpha[1, ], 6))
