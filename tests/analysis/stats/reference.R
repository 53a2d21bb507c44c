# Reference values for the analysis tests, computed with R 4.2, psych 2.2.9 and
# multilevel 2.7. Run from the project root:
#   Rscript tests/analysis/stats/reference.R
# It writes, under tests/data/analysis/:
#   bfi.csv                 psych's bfi data (GPL-2 | GPL-3, from the psych package)
#   bh1996.csv              multilevel's bh1996: GRP and the four scale columns
#   sixbox.csv              our own six-box data set (fixed seed), its units and survey
#   <set>_survey.csv        scale, item, reverse, min, max, cutoff, favourable, direction, kind, box
#   <set>_units.csv         id, parent (pre-order)
#   <set>_ref.csv           kind, unit, scale, field, idx, value: every figure of scoring
#   <set>_cmp.csv           the same for the comparisons (units of 5 or more)
#   sixbox_baseline.csv     a previous wave's cells (unit, scale, n, mean, sd)
# The cmocka tests (test_stats_reference.c) read these files; they never run R.
suppressMessages({ library(psych); library(multilevel) })
stopifnot(packageVersion("psych") == "2.2.9", packageVersion("multilevel") == "2.7")
out <- "tests/data/analysis"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
num <- function(x) { x <- as.numeric(unlist(x)); ifelse(is.na(x), "NA", sprintf("%.17g", x)) }
ref <- new.env()
ref$rows <- list()
ref$cmp <- list()
put <- function(kind, unit, scale, field, value, idx = seq_along(value) - 1) {
  row <- data.frame(kind = kind, unit = unit, scale = scale,
    field = field, idx = idx, value = num(value), stringsAsFactors = FALSE)
  # comparisons exist only after suppression: they go to <set>_cmp.csv
  if (kind == "cmp") ref$cmp[[length(ref$cmp) + 1]] <- row
  else ref$rows[[length(ref$rows) + 1]] <- row
}
flush_ref <- function(file) {
  d <- do.call(rbind, ref$rows)
  write.csv(d, file.path(out, file), row.names = FALSE, quote = FALSE)
  ref$rows <- list()
}
level <- 0.95

# ---- scoring, as the engine does it ------------------------------------------------
keyed <- function(x, rev, lo, hi) { for (j in which(rev)) x[, j] <- lo + hi - x[, j]; x }
score <- function(xk, pct = 60) {
  m <- rowSums(!is.na(xk))
  s <- rowMeans(xk, na.rm = TRUE)
  s[m == 0 | 100 * m < pct * ncol(xk)] <- NA
  s
}
# The status rule (docs/statistics.md, "How the figures are computed"): how far (the practical
# threshold delta, default (max - min) / 24) and how sure (the interval), and at least
# half favourable for a strength. tests/analysis/stats/status_ref.py is the same rule.
status_of <- function(n, mean, lo, hi, fav, cut, dir, delta) {
  if (n < 2) return(0)
  sg <- if (dir == "low-is-good") -1 else 1
  m <- sg * (mean - cut); e <- sort(sg * (c(lo, hi) - cut)); delta <- delta - 1e-12
  if (e[2] < 0 && -m >= delta) return(1)
  if (m < 0) return(2)
  if (e[1] < delta || !(fav >= 0.5)) return(3)
  4
}

# One unit x one scale: every figure of the cell.
cell_ref <- function(unit, sc, s, xraw, lo, hi, cut, fav, dir) {
  s <- s[!is.na(s)]
  n <- length(s)
  put("cell", unit, sc, "n", n)
  hist <- tabulate(floor(s + 0.5) - lo + 1, nbins = hi - lo + 1)
  put("cell", unit, sc, "score_hist", hist)
  for (j in seq_len(ncol(xraw))) {
    v <- xraw[, j]
    put("cell", unit, sc, "item_hist", tabulate(v[!is.na(v)] - lo + 1, nbins = hi - lo + 1),
        idx = (j - 1) * (hi - lo + 1) + 0:(hi - lo))
    put("cell", unit, sc, "item_n", sum(!is.na(v)), idx = j - 1)
    put("cell", unit, sc, "item_mean", if (any(!is.na(v))) mean(v, na.rm = TRUE) else NA, idx = j - 1)
  }
  cc <- xraw[complete.cases(xraw), , drop = FALSE]
  rwg <- if (nrow(cc) > 1) rwg.j(cc, rep(1, nrow(cc)), ranvar = ((hi - lo + 1)^2 - 1) / 12)$rwg.j else NA
  put("cell", unit, sc, "rwg_j", rwg)
  if (n == 0) { put("cell", unit, sc, "status", 0); return(invisible()) }
  put("cell", unit, sc, "mean", mean(s))
  put("cell", unit, sc, "median", median(s))
  f <- if (dir == "low-is-good") sum(s <= fav) else sum(s >= fav)
  put("cell", unit, sc, "fav", f / n)
  w <- prop.test(f, n, conf.level = level, correct = FALSE)$conf.int
  put("cell", unit, sc, "fav_lo", w[1]); put("cell", unit, sc, "fav_hi", w[2])
  if (n < 2) { put("cell", unit, sc, "status", 0); return(invisible()) }
  ci <- mean(s) + c(-1, 1) * qt(1 - (1 - level) / 2, n - 1) * sd(s) / sqrt(n)
  put("cell", unit, sc, "sd", sd(s))
  put("cell", unit, sc, "ci_lo", ci[1]); put("cell", unit, sc, "ci_hi", ci[2])
  put("cell", unit, sc, "status", status_of(n, mean(s), ci[1], ci[2], f / n, cut, dir,
                                            (hi - lo) / 24))
}

# psych::alpha with its defaults on the keyed items of the respondents who answered any.
rel_ref <- function(kind, unit, sc, xk) {
  xk <- xk[rowSums(!is.na(xk)) > 0, , drop = FALSE]
  a <- suppressWarnings(suppressMessages(alpha(xk, warnings = FALSE)))
  t <- a$total
  put(kind, unit, sc, "n", nrow(xk))
  put(kind, unit, sc, "alpha", t$raw_alpha); put(kind, unit, sc, "alpha_std", t$std.alpha)
  put(kind, unit, sc, "average_r", t$average_r); put(kind, unit, sc, "lambda6", t[["G6(smc)"]])
  put(kind, unit, sc, "ase", t$ase)
  put(kind, unit, sc, "feldt_lo", a$feldt$lower.ci); put(kind, unit, sc, "feldt_hi", a$feldt$upper.ci)
  # Duhachek's interval: alpha -/+ z ase with psych's ase. print.psych rounds z to 1.96;
  # the engine uses the exact normal quantile of the level, and so does this reference.
  z <- qnorm(1 - (1 - level) / 2)
  put(kind, unit, sc, "duhachek_lo", t$raw_alpha - z * t$ase)
  put(kind, unit, sc, "duhachek_hi", t$raw_alpha + z * t$ase)
  put(kind, unit, sc, "r_drop", a$item.stats$r.drop)
  put(kind, unit, sc, "alpha_if_deleted", a$alpha.drop$raw_alpha)
  om <- suppressWarnings(suppressMessages(omega(xk, nfactors = 1, plot = FALSE)))
  put(kind, unit, sc, "omega", om$omega.tot)
}

welch_ref <- function(unit, sc, s, rest) {
  s <- s[!is.na(s)]; rest <- rest[!is.na(rest)]
  if (length(s) < 2 || length(rest) < 2) return(invisible())
  t <- t.test(s, rest, conf.level = level)
  n1 <- length(s); n2 <- length(rest); nu <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(s) + (n2 - 1) * var(rest)) / nu)
  J <- exp(lgamma(nu / 2) - lgamma((nu - 1) / 2)) / sqrt(nu / 2)
  put("cmp", unit, sc, "rest_mean", mean(rest))
  put("cmp", unit, sc, "diff", mean(s) - mean(rest))
  put("cmp", unit, sc, "t", unname(t$statistic)); put("cmp", unit, sc, "df", unname(t$parameter))
  put("cmp", unit, sc, "p", t$p.value)
  put("cmp", unit, sc, "g", J * (mean(s) - mean(rest)) / sp)
}

# Units, their subtrees and a generic driver for one data set.
subtree <- function(units, id) {
  ids <- id
  repeat { more <- units$id[units$parent %in% ids & !(units$id %in% ids)]; if (!length(more)) break; ids <- c(ids, more) }
  ids
}
run_set <- function(name, data, unit, survey, units, min_group = 5, rel_min = 30) {
  leaves <- units$id[!(units$id %in% units$parent)]
  scales <- unique(survey$scale)
  scores <- list()
  for (sc in scales) {
    sv <- survey[survey$scale == sc, ]
    xk <- keyed(as.matrix(data[, sv$item]), sv$reverse == 1, sv$min[1], sv$max[1])
    scores[[sc]] <- score(xk)
    rel_ref("rel", "", sc, xk)
  }
  for (u in units$id) {
    rows <- if (u == units$id[1]) rep(TRUE, nrow(data)) else unit %in% subtree(units, u)
    put("unit", u, "", "n", sum(rows))
    put("unit", u, "", "n_direct", sum(unit %in% u))
    means <- c()
    for (sc in scales) {
      sv <- survey[survey$scale == sc, ]
      xraw <- as.matrix(data[rows, sv$item, drop = FALSE])
      cell_ref(u, sc, scores[[sc]][rows], xraw, sv$min[1], sv$max[1], sv$cutoff[1],
               sv$favourable[1], sv$direction[1])
      if (sv$kind[1] == "box") means[sv$box[1]] <- mean(scores[[sc]][rows], na.rm = TRUE)
      if (sum(rows) >= rel_min) {
        xk <- keyed(as.matrix(data[rows, sv$item]), sv$reverse == 1, sv$min[1], sv$max[1])
        if (sum(rowSums(!is.na(xk)) > 0) >= rel_min) rel_ref("urel", u, sc, xk)
      }
      if (u != units$id[1] && sum(rows) >= min_group) welch_ref(u, sc, scores[[sc]][rows], scores[[sc]][!rows])
    }
    if (length(means) == 6 && all(!is.na(means))) {
      put("unit", u, "", "leadership_gap", means["leadership"] - mean(means[names(means) != "leadership"]))
      put("unit", u, "", "box_spread", max(means) - min(means))
    }
  }
  # ICC over the leaf units, on the respondents with a score.
  for (sc in scales) {
    ok <- unit %in% leaves & !is.na(scores[[sc]])
    if (length(unique(unit[ok])) < 2) next
    fit <- aov(scores[[sc]][ok] ~ as.factor(unit[ok]))
    put("icc", "", sc, "icc1", ICC1(fit)); put("icc", "", sc, "icc2", ICC2(fit))
    put("icc", "", sc, "groups", length(unique(unit[ok])))
    put("icc", "", sc, "f", summary(fit)[[1]][1, "F value"]); put("icc", "", sc, "p", summary(fit)[[1]][1, "Pr(>F)"])
  }
  flush_ref(paste0(name, "_ref.csv"))
  # Benjamini-Hochberg over the visible non-root cells (units of min_group or more:
  # welch_ref ran only for those).
  d <- do.call(rbind, ref$cmp)
  pp <- d[d$field == "p", ]
  adj <- p.adjust(as.numeric(pp$value), "BH")
  for (i in seq_along(adj)) put("cmp", pp$unit[i], pp$scale[i], "p_adj", adj[i])
  ref$rows <- c(ref$cmp, ref$rows)
  ref$cmp <- list()
  flush_ref(paste0(name, "_cmp.csv"))
  write.csv(survey, file.path(out, paste0(name, "_survey.csv")), row.names = FALSE, quote = FALSE)
  write.csv(units, file.path(out, paste0(name, "_units.csv")), row.names = FALSE, quote = FALSE, na = "")
}

# ---- 1. psych's bfi: five scales, missing values, reverse keys; units by education --
data(bfi, package = "psych")
write.csv(bfi, file.path(out, "bfi.csv"), row.names = FALSE, quote = FALSE, na = "")
bsurvey <- do.call(rbind, lapply(names(bfi.keys), function(sc) {
  k <- bfi.keys[[sc]]
  data.frame(scale = sc, item = sub("^-", "", k), reverse = as.integer(grepl("^-", k)),
             min = 1, max = 6, cutoff = 3.5, favourable = if (sc == "neuroticism") 3 else 4,
             direction = if (sc == "neuroticism") "low-is-good" else "high-is-good",
             kind = "extra", box = "", stringsAsFactors = FALSE)
}))
bunits <- data.frame(id = c("bfi", paste0("edu", 1:5)), parent = c(NA, rep("bfi", 5)))
bunit <- ifelse(is.na(bfi$education), NA, paste0("edu", bfi$education))
run_set("bfi", bfi, bunit, bsurvey, bunits)

# ---- 2. multilevel's bh1996: ICC(1)/ICC(2) of the four scales over 99 groups ------
data(bh1996, package = "multilevel")
write.csv(bh1996[, c("GRP", "HRS", "COHES", "LEAD", "WBEING")], file.path(out, "bh1996.csv"),
          row.names = FALSE, quote = FALSE)
for (v in c("HRS", "COHES", "LEAD", "WBEING")) {
  fit <- aov(bh1996[[v]] ~ as.factor(bh1996$GRP))
  put("icc", "", v, "icc1", ICC1(fit)); put("icc", "", v, "icc2", ICC2(fit))
  put("icc", "", v, "f", summary(fit)[[1]][1, "F value"]); put("icc", "", v, "p", summary(fit)[[1]][1, "Pr(>F)"])
}
flush_ref("bh1996_icc.csv")
# HRS is a whole number of hours (0-24): the engine scores it as a one-item scale on
# 25 points, so the whole pipeline runs on it: ICC over the 99 groups as leaf units,
# and rwg per group on the 25-point null (rwg.j of one item is rwg; multilevel's rwg.j
# needs two columns or more).
fit <- aov(bh1996$HRS ~ as.factor(bh1996$GRP))
put("icc", "", "HRS", "icc1", ICC1(fit)); put("icc", "", "HRS", "icc2", ICC2(fit))
put("icc", "", "HRS", "groups", 99)
r <- rwg(bh1996$HRS, bh1996$GRP, ranvar = (25^2 - 1) / 12)
put("cell", as.character(r$grpid), "HRS", "rwg_j", r$rwg, idx = 0)
write.csv(data.frame(scale = "HRS", item = "HRS", reverse = 0, min = 0, max = 24, cutoff = 12,
                     favourable = 8, direction = "low-is-good", kind = "extra", box = ""),
          file.path(out, "bh1996_survey.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(id = c("all", sort(unique(bh1996$GRP))), parent = c(NA, rep("all", 99))),
          file.path(out, "bh1996_units.csv"), row.names = FALSE, quote = FALSE, na = "")
flush_ref("bh1996_ref.csv")

# ---- 3. our own six-box data set: 7 scales x 5 items, 7 points, 8 leaf units -------
set.seed(20261128)
boxes <- c("purposes", "structure", "relationships", "rewards", "leadership",
           "helpful-mechanisms", "change")
ssurvey <- do.call(rbind, lapply(boxes, function(b) data.frame(scale = b,
  item = paste0(substr(b, 1, 3), 1:5), reverse = c(0, 0, 1, 0, 1), min = 1, max = 7, cutoff = 4,
  favourable = if (b == "change") 3 else 5,
  direction = if (b == "change") "low-is-good" else "high-is-good",
  kind = if (b == "change") "extra" else "box", box = if (b == "change") "" else b,
  stringsAsFactors = FALSE)))
sunits <- data.frame(id = c("org", "forv-a", "u1", "u2", "u3", "forv-b", "u4", "u5",
                            "bolag-c", "u6", "u7", "u8"),
                     parent = c(NA, "org", "forv-a", "forv-a", "forv-a", "org", "forv-b",
                                "forv-b", "org", "bolag-c", "bolag-c", "bolag-c"))
size <- c(u1 = 60, u2 = 35, u3 = 12, u4 = 45, u5 = 25, u6 = 8, u7 = 30, u8 = 2)
sunit <- c(rep(names(size), size), rep("forv-a", 4), rep(NA, 6))
N <- length(sunit)
shift <- matrix(rnorm(length(size) * 7, 0, 0.6), length(size), 7, dimnames = list(names(size), boxes))
shift["u3", "leadership"] <- -1.8; shift["u4", "rewards"] <- 1.5; shift["u6", "change"] <- 2
sdata <- data.frame(unit = ifelse(is.na(sunit), "", sunit), stringsAsFactors = FALSE)
for (b in boxes) {
  f <- rnorm(N)
  sh <- ifelse(sunit %in% names(size), shift[ifelse(sunit %in% names(size), sunit, "u1"), b], 0)
  for (i in 1:5) {
    x <- round(4.3 + sh + 0.9 * f + rnorm(N, 0, 0.9))
    x <- pmin(7, pmax(1, x))
    if (i %in% c(3, 5)) x <- 8 - x
    x[runif(N) < 0.06] <- NA
    sdata[[paste0(substr(b, 1, 3), i)]] <- x
  }
}
# a few respondents who skipped most of a scale, and one who answered nothing
for (r in c(7, 50, 120)) sdata[r, paste0("lea", 1:3)] <- NA
sdata[200, -1] <- NA
write.csv(sdata, file.path(out, "sixbox.csv"), row.names = FALSE, quote = FALSE, na = "")
run_set("sixbox", sdata, sunit, ssurvey, sunits)

# The previous wave: summary cells, one with n = 0 and one unit missing (u5).
base <- expand.grid(scale = boxes, unit = c("org", "forv-a", "u1", "u2", "u3", "forv-b", "u4"),
                    stringsAsFactors = FALSE)[, c("unit", "scale")]
base$n <- round(runif(nrow(base), 20, 60)); base$n[base$unit == "u3" & base$scale == "purposes"] <- 0
base$mean <- round(runif(nrow(base), 3.2, 5.2), 3); base$sd <- round(runif(nrow(base), 0.7, 1.3), 3)
write.csv(base, file.path(out, "sixbox_baseline.csv"), row.names = FALSE, quote = FALSE)
for (i in seq_len(nrow(base))) {
  b <- base[i, ]
  if (b$n == 0) next
  sv <- ssurvey[ssurvey$scale == b$scale, ]
  rows <- sunit %in% subtree(sunits, b$unit); if (b$unit == "org") rows <- rep(TRUE, N)
  xk <- keyed(as.matrix(sdata[rows, sv$item]), sv$reverse == 1, 1, 7)
  s <- score(xk); s <- s[!is.na(s)]
  if (length(s) < 5) next
  v1 <- var(s) / length(s); v2 <- b$sd^2 / b$n
  df <- (v1 + v2)^2 / (v1^2 / (length(s) - 1) + v2^2 / (b$n - 1))
  d <- mean(s) - b$mean; q <- qt(1 - (1 - level) / 2, df)
  put("chg", b$unit, b$scale, "change", d)
  put("chg", b$unit, b$scale, "change_lo", d - q * sqrt(v1 + v2))
  put("chg", b$unit, b$scale, "change_hi", d + q * sqrt(v1 + v2))
  put("chg", b$unit, b$scale, "change_p", 2 * pt(-abs(d / sqrt(v1 + v2)), df))
}
flush_ref("sixbox_baseline_ref.csv")
cat("reference values written to", out, "\n")
