// libFuzzer's driver entry point, from libclang_rt.fuzzer in the toolchain's clang runtime (linked by
// -sanitize=fuzzer; `nm libclang_rt.fuzzer-x86_64.a | grep LLVMFuzzerRunDriver` shows it). Declared here
// so that Swift calls it with the C calling convention and the exact C types.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
