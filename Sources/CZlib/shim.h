// Debian's zlib1g-dev: gzip inputs (.gz corpora and pages) are read transparently.
#include <zlib.h>
