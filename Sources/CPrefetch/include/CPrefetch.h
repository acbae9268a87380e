// A cache prefetch hint for Swift, which has no intrinsic for it: the tagger's weight lookups land
// anywhere in tables larger than L2, and issuing them ahead lets their misses overlap.
#ifndef MARSAD_CPREFETCH_H
#define MARSAD_CPREFETCH_H

/// Asks for the cache line of `address` to be brought into every cache level; never faults.
static inline __attribute__((always_inline)) void marsad_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
