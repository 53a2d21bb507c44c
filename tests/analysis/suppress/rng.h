/* The property tests' random numbers: splitmix64 from a fixed seed, so that every
 * machine and every run draws the same cases (and a failing case can be replayed). */
#ifndef TEST_SUPPRESS_RNG_H
#define TEST_SUPPRESS_RNG_H

#include <stddef.h>
#include <stdint.h>

static uint64_t rng_state;

static inline void rng_seed(uint64_t seed) { rng_state = seed; }

static inline uint64_t rnd(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Uniform in [0, n); 0 when n is 0. */
static inline size_t below(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

#endif
