/// The engine's seeded random number generator: xoshiro256** whose state is filled from the seed
/// by SplitMix64, as its authors recommend. The same seed gives the same numbers on every machine.
///
/// - `nextFloat()` is uniform in [0, 1) with 24 random bits (the top bits of one 64-bit draw).
/// - `nextNormal()` uses the Box–Muller transform on two uniform doubles.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    /// The seed NNLab uses when none is given, so every run prints the same numbers.
    public static let defaultSeed: UInt64 = 42

    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64 = RandomGenerator.defaultSeed) {
        var mix = seed
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1).
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    public mutating func nextUniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * nextFloat() }

    /// Standard normal (mean 0, standard deviation 1).
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextDouble()  // in (0, 1], so the logarithm is finite
        let u2 = nextDouble()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// Normal, redrawn until within two standard deviations of the mean (Keras's truncated normal).
    public mutating func nextTruncatedNormal() -> Double {
        while true {
            let value = nextNormal()
            if abs(value) <= 2 { return value }
        }
    }

    /// A uniformly random integer in 0..<bound.
    public mutating func nextInt(below bound: Int) -> Int { Int(next(upperBound: UInt64(bound))) }

    /// Shuffles `values` in place (Fisher–Yates, from the last index down).
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, nextInt(below: i + 1))
        }
    }
}
