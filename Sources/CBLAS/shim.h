// BLAS for NNEngine: OpenBLAS's cblas.h on Linux (flags from pkg-config `openblas`),
// Accelerate on Apple platforms.
#ifndef NNLAB_CBLAS_SHIM_H
#define NNLAB_CBLAS_SHIM_H

#if defined(__APPLE__)
#include <Accelerate/Accelerate.h>
static inline void nn_blas_set_threads(int count) { (void)count; }
static inline int nn_blas_processors(void) { return 1; }
static inline const char *nn_blas_select_kernel(void) { return "Accelerate"; }
#else
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

static inline void nn_blas_set_threads(int count) { openblas_set_num_threads(count); }
// The processors OpenBLAS would use by default (its thread count when nothing set one).
static inline int nn_blas_processors(void) { return openblas_get_num_procs(); }

// OpenBLAS built with DYNAMIC_ARCH picks its kernels once, when it is loaded. Releases that predate
// a processor (Debian 12's 0.3.21 and Sapphire Rapids, say) fall back to the 2004 "Prescott" kernels,
// several times slower. When that happened and the user set no OPENBLAS_CORETYPE, this re-selects
// the kernels for what the processor supports. Weak symbols: builds without DYNAMIC_ARCH keep theirs.
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

static inline const char *nn_blas_select_kernel(void) {
    const char *current = openblas_get_corename();
    if (getenv("OPENBLAS_CORETYPE") != NULL || current == NULL || strcmp(current, "Prescott") != 0
        || gotoblas_dynamic_init == NULL || gotoblas_dynamic_quit == NULL) {
        return current;
    }
#if defined(__x86_64__)
    __builtin_cpu_init();
    const char *wanted = NULL;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) {
        wanted = "SkylakeX";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        wanted = "Haswell";
    }
    if (wanted != NULL) {
        setenv("OPENBLAS_CORETYPE", wanted, 0);
        gotoblas_dynamic_quit();
        gotoblas_dynamic_init();
    }
#endif
    return openblas_get_corename();
}
#endif

// LAPACK's LU routines (column-major), as NumPy's linalg calls them; in OpenBLAS and Accelerate both.
#if defined(__APPLE__)
typedef __CLPK_integer nn_lapack_int;
#else
typedef int nn_lapack_int;
extern void dgesv_(nn_lapack_int *n, nn_lapack_int *nrhs, double *a, nn_lapack_int *lda, nn_lapack_int *ipiv,
                   double *b, nn_lapack_int *ldb, nn_lapack_int *info);
extern void dgetrf_(nn_lapack_int *m, nn_lapack_int *n, double *a, nn_lapack_int *lda, nn_lapack_int *ipiv,
                    nn_lapack_int *info);
extern void dgelsd_(nn_lapack_int *m, nn_lapack_int *n, nn_lapack_int *nrhs, double *a, nn_lapack_int *lda,
                    double *b, nn_lapack_int *ldb, double *s, double *rcond, nn_lapack_int *rank, double *work,
                    nn_lapack_int *lwork, nn_lapack_int *iwork, nn_lapack_int *info);
#endif

static inline int nn_dgesv(int n, int nrhs, double *a, int *ipiv, double *b) {
    nn_lapack_int n_ = n, nrhs_ = nrhs, lda = n > 0 ? n : 1, ldb = n > 0 ? n : 1, info = 0;
    dgesv_(&n_, &nrhs_, a, &lda, (nn_lapack_int *)ipiv, b, &ldb, &info);
    return (int)info;
}

static inline int nn_dgetrf(int n, double *a, int *ipiv) {
    nn_lapack_int m_ = n, n_ = n, lda = n > 0 ? n : 1, info = 0;
    dgetrf_(&m_, &n_, a, &lda, (nn_lapack_int *)ipiv, &info);
    return (int)info;
}

// Least squares by the SVD (LAPACK `dgelsd`, as scipy.linalg.lstsq calls it); `lwork` -1 asks for sizes.
static inline int nn_dgelsd(int m, int n, int nrhs, double *a, double *b, int ldb, double *s, double rcond,
                            int *rank, double *work, int lwork, int *iwork) {
    nn_lapack_int m_ = m, n_ = n, nrhs_ = nrhs, lda = m > 0 ? m : 1, ldb_ = ldb, rank_ = 0, lwork_ = lwork, info = 0;
    dgelsd_(&m_, &n_, &nrhs_, a, &lda, b, &ldb_, s, &rcond, &rank_, work, &lwork_, (nn_lapack_int *)iwork, &info);
    *rank = (int)rank_;
    return (int)info;
}

// Cholesky solve of a symmetric positive definite system (LAPACK `dposv`, as scipy.linalg.solve
// with assume_a="pos" factors and solves); returns LAPACK's info (> 0: not positive definite).
#if !defined(__APPLE__)
extern void dposv_(char *uplo, nn_lapack_int *n, nn_lapack_int *nrhs, double *a, nn_lapack_int *lda, double *b,
                   nn_lapack_int *ldb, nn_lapack_int *info);
#endif

static inline int nn_dposv(char uplo, int n, int nrhs, double *a, double *b) {
    nn_lapack_int n_ = n, nrhs_ = nrhs, lda = n > 0 ? n : 1, ldb = n > 0 ? n : 1, info = 0;
    dposv_(&uplo, &n_, &nrhs_, a, &lda, b, &ldb, &info);
    return (int)info;
}

// The SVD and the symmetric eigensolver, as NumPy's linalg calls them (`dgesdd`, `dsyevd`).
#if !defined(__APPLE__)
extern void dgesdd_(char *jobz, nn_lapack_int *m, nn_lapack_int *n, double *a, nn_lapack_int *lda, double *s,
                    double *u, nn_lapack_int *ldu, double *vt, nn_lapack_int *ldvt, double *work,
                    nn_lapack_int *lwork, nn_lapack_int *iwork, nn_lapack_int *info);
extern void dsyevd_(char *jobz, char *uplo, nn_lapack_int *n, double *a, nn_lapack_int *lda, double *w,
                    double *work, nn_lapack_int *lwork, nn_lapack_int *iwork, nn_lapack_int *liwork,
                    nn_lapack_int *info);
#endif

static inline int nn_dgesdd(char jobz, int m, int n, double *a, double *s, double *u, int ldu, double *vt,
                            int ldvt, double *work, int lwork, int *iwork) {
    nn_lapack_int m_ = m, n_ = n, lda = m > 0 ? m : 1, ldu_ = ldu, ldvt_ = ldvt, lwork_ = lwork, info = 0;
    dgesdd_(&jobz, &m_, &n_, a, &lda, s, u, &ldu_, vt, &ldvt_, work, &lwork_, (nn_lapack_int *)iwork, &info);
    return (int)info;
}

static inline int nn_dsyevd(char jobz, char uplo, int n, double *a, double *w, double *work, int lwork,
                            int *iwork, int liwork) {
    nn_lapack_int n_ = n, lda = n > 0 ? n : 1, lwork_ = lwork, liwork_ = liwork, info = 0;
    dsyevd_(&jobz, &uplo, &n_, a, &lda, w, work, &lwork_, (nn_lapack_int *)iwork, &liwork_, &info);
    return (int)info;
}

// Flushing subnormal floats to zero (x86's FTZ and DAZ bits of MXCSR), as TensorFlow does for its
// kernels; returns the previous control word to restore. A no-op elsewhere.
#if defined(__x86_64__)
#include <xmmintrin.h>
static inline unsigned int nn_flush_subnormals(void) {
    unsigned int saved = _mm_getcsr();
    _mm_setcsr(saved | 0x8040);
    return saved;
}
static inline void nn_restore_float_control(unsigned int saved) { _mm_setcsr(saved); }
#else
static inline unsigned int nn_flush_subnormals(void) { return 0; }
static inline void nn_restore_float_control(unsigned int saved) { (void)saved; }
#endif

#endif
