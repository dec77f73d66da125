// SwiftPM links an executable's entry point as `<module>_main`; this one hands the command line to
// libFuzzer's driver with the Swift target's LLVMFuzzerTestOneInput.
#include "LibFuzzerDriver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int nn_libfuzzer_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
