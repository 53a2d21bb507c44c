#!/bin/sh
# Writes a benchmark organisation: a kommun with D förvaltningar of U enheter each
# (default 15 × 20 = 300 leaf units), headcounts, a vision, a strategic goal and one
# operative goal per förvaltning with two critical boxes.
# Usage: make-org.sh [D] [U] > org.xml
set -eu
d=${1:-15}
u=${2:-20}
awk -v D="$d" -v U="$u" 'BEGIN {
  split("purposes structure relationships rewards leadership helpful-mechanisms", box, " ")
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  print "<organisation id=\"bench\">"
  print "  <languages>sv en</languages>"
  print "  <name lang=\"sv\">Benchmarkkommun</name>"
  print "  <name lang=\"en\">Benchmark municipality</name>"
  print "  <unit id=\"kommun\" kind=\"kommun\">"
  print "    <name lang=\"sv\">Benchmarkkommun</name>"
  print "    <name lang=\"en\">Benchmark municipality</name>"
  for (i = 1; i <= D; i++) {
    printf "    <unit id=\"f%d\" kind=\"förvaltning\">\n", i
    printf "      <name lang=\"sv\">Förvaltning %d</name>\n      <name lang=\"en\">Department %d</name>\n", i, i
    for (j = 1; j <= U; j++) {
      printf "      <unit id=\"f%d-e%d\" kind=\"enhet\" headcount=\"%d\">\n", i, j, 3000 + 37 * ((i * U + j) % 50)
      printf "        <name lang=\"sv\">Enhet %d.%d</name>\n        <name lang=\"en\">Unit %d.%d</name>\n", i, j, i, j
      print "      </unit>"
    }
    print "    </unit>"
  }
  print "  </unit>"
  print "  <vision id=\"vision\">"
  print "    <title lang=\"sv\">Vision</title>\n    <title lang=\"en\">Vision</title>"
  print "    <goal id=\"im1\" level=\"strategic\">"
  print "      <title lang=\"sv\">Inriktningsmål</title>\n      <title lang=\"en\">Strategic goal</title>"
  for (i = 1; i <= D; i++) {
    printf "      <goal id=\"om%d\" level=\"operative\" unit=\"f%d\">\n", i, i
    printf "        <title lang=\"sv\">Operativt mål %d</title>\n        <title lang=\"en\">Operative goal %d</title>\n", i, i
    printf "        <critical box=\"%s\" weight=\"2\"/>\n", box[(i % 6) + 1]
    printf "        <critical box=\"%s\" weight=\"1\"/>\n", box[((i + 2) % 6) + 1]
    print "      </goal>"
  }
  print "    </goal>"
  print "  </vision>"
  print "</organisation>"
}'
