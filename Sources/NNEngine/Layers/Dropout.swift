/// Keras's `Dropout`: in training, each input is kept with probability 1 − rate and scaled by
/// 1/(1 − rate) (inverted dropout), or set to 0; outside training the layer passes its input on.
public final class Dropout: Layer {
    public let name: String
    public var kind: String { "Dropout" }
    public var trainable = true
    public let rate: Float
    /// The seed of the layer's own random stream (Keras's `seed`), if given.
    public let seed: UInt64?
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public var isBuilt: Bool { inputShape != nil }
    public var parameters: [Parameter] { [] }
    /// Masks to use instead of random ones, one per training step in turn: for checking the layer
    /// against another implementation fed the same masks.
    public var fixedMasks: [Tensor] = []
    private var fixedMaskIndex = 0
    private var generator: RandomGenerator
    /// Buffers: output, ∂L/∂output, mask (1 kept, 0 dropped).
    private var buffers = LayerBuffers(count: 3)
    private var lastInput: UnsafePointer<Float>?
    private var lastWasTraining = false

    public init(rate: Float, seed: UInt64? = nil, name: String? = nil, inputShape: [Int]? = nil) throws(EngineError) {
        guard rate >= 0, rate < 1 else {
            throw .invalidArgument("Dropout's rate must be a number from 0 up to (not including) 1; got rate=\(rate)")
        }
        self.rate = rate
        self.seed = seed
        self.name = name ?? LayerNames.current.next("dropout")
        declaredInputShape = inputShape
        generator = RandomGenerator(seed: seed ?? RandomGenerator.defaultSeed)
    }

    /// 1/(1 − rate), as Keras computes it (in double precision, then float32).
    public var scale: Float { Float(1 / (1 - Double(rate))) }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] { shape }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        inputShape = shape
        if seed == nil { generator = RandomGenerator(seed: random.next()) }
    }

    private var width: Int { inputShape?.reduce(1, *) ?? 0 }

    public func forward(_ x: UnsafePointer<Float>, rows: Int, training: Bool) {
        lastInput = x
        lastWasTraining = training && rate > 0
        buffers.reserve(rows: rows, width: width)
        guard lastWasTraining else { return }
        let count = rows * width
        let mask = buffers[2]
        let out = buffers[0]
        let scale = self.scale
        if !fixedMasks.isEmpty {
            let fixed = fixedMasks[fixedMaskIndex % fixedMasks.count]
            fixedMaskIndex += 1
            for i in 0..<count { mask[i] = i < fixed.count && fixed[flat: i] != 0 ? 1 : 0 }
        } else {
            // Two uniform 24-bit draws from each 64-bit number: half the generator's work.
            let threshold = UInt64((Double(rate) * 0x1p24).rounded(.up))
            var i = 0
            while i < count {
                let bits = generator.next()
                mask[i] = bits >> 40 >= threshold ? 1 : 0
                if i + 1 < count { mask[i + 1] = (bits >> 8) & 0xFF_FFFF >= threshold ? 1 : 0 }
                i += 2
            }
        }
        for i in 0..<count { out[i] = (x[i] * scale) * mask[i] }
    }

    public var output: UnsafePointer<Float> {
        lastWasTraining ? UnsafePointer(buffers[0]) : (lastInput ?? UnsafePointer(buffers[0]))
    }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[1] }

    public func backward(
        input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        guard let inputGradient else { return }
        let count = rows * width
        let dy = buffers[1]
        if lastWasTraining {
            let mask = buffers[2]
            let scale = self.scale
            for i in 0..<count { inputGradient[i] = (dy[i] * mask[i]) * scale }
        } else {
            inputGradient.update(from: dy, count: count)
        }
    }

    public func traceDetails(rows: Int, training: Bool) -> LayerDetails? {
        guard lastWasTraining else { return nil }
        return .dropout(rate: rate, mask: buffers.snapshot(2, rows: rows, shape: inputShape ?? []), scale: scale)
    }
}
