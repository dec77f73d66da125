/// Vector loads and stores on float buffers, for the element-wise loops the compiler cannot
/// vectorize by itself (it must assume the buffers overlap).
typealias FloatVector = SIMD4<Float>

extension UnsafePointer<Float> {
    @inline(__always) func vector(at index: Int) -> FloatVector {
        UnsafeRawPointer(self + index).loadUnaligned(as: FloatVector.self)
    }
}

extension UnsafeMutablePointer<Float> {
    @inline(__always) func vector(at index: Int) -> FloatVector {
        UnsafeRawPointer(self + index).loadUnaligned(as: FloatVector.self)
    }

    @inline(__always) func setVector(_ value: FloatVector, at index: Int) {
        UnsafeMutableRawPointer(self + index).storeBytes(of: value, as: FloatVector.self)
    }
}

/// Calls `vector` for each full run of `FloatVector.scalarCount` indices from 0, then `scalar` for the rest.
@inline(__always) func vectorized(count: Int, vector: (Int) -> Void, scalar: (Int) -> Void) {
    let width = FloatVector.scalarCount
    var i = 0
    while i + width <= count {
        vector(i)
        i += width
    }
    while i < count {
        scalar(i)
        i += 1
    }
}

#if arch(x86_64)
    import _Builtin_intrinsics.intel

    /// Lane-wise square root in one instruction (`SIMD.squareRoot()` is scalarized on Linux).
    @inline(__always) func squareRoot(_ x: FloatVector) -> FloatVector { _mm_sqrt_ps(x) }
#else
    @inline(__always) func squareRoot(_ x: FloatVector) -> FloatVector { x.squareRoot() }
#endif
