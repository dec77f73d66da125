// BLAS for NNEngine: OpenBLAS's cblas.h on Linux (flags from pkg-config `openblas`),
// Accelerate on Apple platforms.
#ifndef NNLAB_CBLAS_SHIM_H
#define NNLAB_CBLAS_SHIM_H

#if defined(__APPLE__)
#include <Accelerate/Accelerate.h>
static inline void nn_blas_set_threads(int count) { (void)count; }
#else
#include <cblas.h>
static inline void nn_blas_set_threads(int count) { openblas_set_num_threads(count); }
#endif

#endif
