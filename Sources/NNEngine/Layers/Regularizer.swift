/// A weight penalty added to the loss, as Keras's `regularizers.l1`, `l2` and `l1_l2` define it:
/// `l1 · Σ|w| + l2 · Σw²`.
public struct Regularizer: Equatable, Sendable {
    public var l1: Float
    public var l2: Float

    public init(l1: Float = 0, l2: Float = 0) {
        self.l1 = l1
        self.l2 = l2
    }

    /// Keras's `regularizers.l2(0.01)` default factor.
    public static func l2(_ factor: Float = 0.01) -> Regularizer { Regularizer(l2: factor) }
    /// Keras's `regularizers.l1(0.01)` default factor.
    public static func l1(_ factor: Float = 0.01) -> Regularizer { Regularizer(l1: factor) }

    /// The penalty for `weights`.
    public func penalty(_ weights: Tensor) -> Float {
        var absolute: Float = 0
        var squares: Float = 0
        weights.withUnsafeBufferPointer { w in
            for value in w {
                absolute += abs(value)
                squares += value * value
            }
        }
        return (l1 == 0 ? 0 : l1 * absolute) + (l2 == 0 ? 0 : l2 * squares)
    }

    /// Adds the penalty's gradient, `l1 · sign(w) + 2 · l2 · w`, to `gradient`.
    func addGradient(of weights: UnsafePointer<Float>, to gradient: UnsafeMutablePointer<Float>, count: Int) {
        let twiceL2 = 2 * l2
        for i in 0..<count {
            let w = weights[i]
            let sign: Float = w > 0 ? 1 : (w < 0 ? -1 : 0)
            gradient[i] += l1 * sign + twiceL2 * w
        }
    }
}
