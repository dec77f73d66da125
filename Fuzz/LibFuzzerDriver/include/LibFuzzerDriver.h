// libFuzzer's driver, for nn-libfuzzer's entry point (see driver.c).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
