#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The 256-layer ziggurat for normal variates that NumPy's `Generator` uses (Marsaglia and Tsang's
/// construction with 52-bit magnitudes). The tables are computed here from r and the layer area, in
/// double precision, so they differ from NumPy's literal constants in the last bits: draws are
/// NumPy's draws, values agree to about 1e-14 relative and exactly once stored as float32.
struct Ziggurat {
    static let r = 3.6541528853610088
    static let shared = Ziggurat()

    let k: [UInt64]
    let w: [Double]
    let f: [Double]

    private init() {
        let scale = 4_503_599_627_370_496.0  // 2^52
        let r = Ziggurat.r
        let density = { (x: Double) in exp(-0.5 * x * x) }
        let area = r * density(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        var k = [UInt64](repeating: 0, count: 256)
        var w = [Double](repeating: 0, count: 256)
        var f = w
        let base = area / density(r)
        k[0] = UInt64(r / base * scale)
        w[0] = base / scale
        w[255] = r / scale
        f[0] = 1
        f[255] = density(r)
        var edge = r
        for i in stride(from: 254, through: 1, by: -1) {
            let next = (-2 * log(area / edge + density(edge))).squareRoot()
            k[i + 1] = UInt64(next / edge * scale)
            edge = next
            f[i] = density(next)
            w[i] = next / scale
        }
        self.k = k
        self.w = w
        self.f = f
    }

    /// `random_standard_normal`: one variate from 64-bit words and doubles in [0, 1).
    func normal(_ next64: () -> UInt64, _ nextDouble: () -> Double) -> Double {
        while true {
            var bits = next64()
            let index = Int(bits & 0xff)
            bits >>= 8
            let negative = bits & 1 == 1
            let magnitude = (bits >> 1) & 0x000f_ffff_ffff_ffff
            var x = Double(magnitude) * w[index]
            if negative { x = -x }
            if magnitude < k[index] { return x }
            if index == 0 {
                while true {
                    let xx = -log1p(-nextDouble()) * (1 / Ziggurat.r)
                    let yy = -log1p(-nextDouble())
                    if yy + yy > xx * xx { return (magnitude >> 8) & 1 == 1 ? -(Ziggurat.r + xx) : Ziggurat.r + xx }
                }
            }
            if (f[index - 1] - f[index]) * nextDouble() + f[index] < exp(-0.5 * x * x) { return x }
        }
    }
}
