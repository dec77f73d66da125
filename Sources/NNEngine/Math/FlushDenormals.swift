import CBLAS

/// Runs `body` with subnormal floats flushed to zero, as TensorFlow runs its kernels. Training
/// produces tiny values (Adam's second moments of tiny gradients, say); as subnormals they make
/// every multiplication that touches them many times slower on x86, which slowed later epochs
/// of the MNIST-shaped benchmark fourfold. Values this small change no result that matters.
@inline(__always)
func withSubnormalsFlushed<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
    let saved = nn_flush_subnormals()
    defer { nn_restore_float_control(saved) }
    return try body()
}
