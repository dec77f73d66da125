/// The loss formulas over raw rows × columns buffers. Each returns the batch-mean loss and, when
/// asked, writes the gradient of that mean (the 1/N of the mean included) with respect to its input,
/// computed the way TensorFlow's gradient kernels compute it.
enum LossFormulas {
    typealias Input = UnsafePointer<Float>
    typealias Gradient = UnsafeMutablePointer<Float>?

    static let epsilon = Loss.epsilon

    /// −[y·log σ(z) + (1−y)·log(1−σ(z))] written stably as max(z,0) − z·y + log(1+e^(−|z|)); ∂/∂z = σ(z) − y.
    static func sigmoidCrossEntropy(_ z: Input, _ y: Input, _ rows: Int, _ columns: Int, _ g: Gradient) -> Double {
        let count = rows * columns
        let scale = 1 / Float(count)
        var total: Double = 0
        for i in 0..<count {
            let zi = z[i]
            let yi = y[i]
            total += Double(max(zi, 0) - zi * yi + _log1p(_exp(-abs(zi))))
            g?[i] = (Activation.sigmoid(zi) - yi) * scale
        }
        return total / Double(count)
    }

    /// The same loss on probabilities p clipped to [ε, 1−ε]; no gradient flows where p was clipped.
    static func binaryCrossEntropy(_ p: Input, _ y: Input, _ rows: Int, _ columns: Int, _ g: Gradient) -> Double {
        let count = rows * columns
        let scale = 1 / Float(count)
        var total: Double = 0
        for i in 0..<count {
            let clipped = min(max(p[i], epsilon), 1 - epsilon)
            let yi = y[i]
            total -= Double(yi * _log(clipped) + (1 - yi) * _log(1 - clipped))
            let inside = p[i] >= epsilon && p[i] <= 1 - epsilon
            g?[i] = inside ? -(yi / clipped - (1 - yi) / (1 - clipped)) * scale : 0
        }
        return total / Double(count)
    }

    /// −Σ y·log softmax(z) per example; ∂/∂z = softmax(z) − y.
    static func softmaxCrossEntropy(_ z: Input, _ y: Input, _ rows: Int, _ columns: Int, _ g: Gradient) -> Double {
        let scale = 1 / Float(rows)
        var total: Double = 0
        for row in 0..<rows {
            let zr = z + row * columns
            let yr = y + row * columns
            let (largest, sum) = softmaxDenominator(zr, columns)
            let logSum = _log(sum)
            for j in 0..<columns {
                total -= Double(yr[j] * (zr[j] - largest - logSum))
                g?[row * columns + j] = (_exp(zr[j] - largest) / sum - yr[j]) * scale
            }
        }
        return total / Double(rows)
    }

    /// −Σ y·log p per example after p is renormalized to sum to 1 and clipped to [ε, 1−ε].
    static func categoricalCrossEntropy(_ p: Input, _ y: Input, _ rows: Int, _ columns: Int, _ g: Gradient) -> Double {
        let scale = 1 / Float(rows)
        var total: Double = 0
        for row in 0..<rows {
            let pr = p + row * columns
            let yr = y + row * columns
            var sum: Float = 0
            for j in 0..<columns { sum += pr[j] }
            var weighted: Float = 0  // Σ_j ∂L/∂q_j · q_j, for the gradient through the renormalization
            for j in 0..<columns {
                let q = pr[j] / sum
                let clipped = min(max(q, epsilon), 1 - epsilon)
                total -= Double(yr[j] * _log(clipped))
                let dq = (q >= epsilon && q <= 1 - epsilon) ? -yr[j] / clipped * scale : 0
                g?[row * columns + j] = dq
                weighted += dq * pr[j]
            }
            if let g {
                for j in 0..<columns { g[row * columns + j] = g[row * columns + j] / sum - weighted / (sum * sum) }
            }
        }
        return total / Double(rows)
    }

    /// −log softmax(z)[label] per example; ∂/∂z = softmax(z) − onehot(label).
    static func sparseSoftmaxCrossEntropy(_ z: Input, _ labels: Input, _ rows: Int, _ columns: Int, _ g: Gradient)
        -> Double
    {
        let scale = 1 / Float(rows)
        var total: Double = 0
        for row in 0..<rows {
            let zr = z + row * columns
            let label = Int(labels[row])
            let (largest, sum) = softmaxDenominator(zr, columns)
            total -= Double(zr[label] - largest - _log(sum))
            if let g {
                for j in 0..<columns {
                    g[row * columns + j] = (_exp(zr[j] - largest) / sum - (j == label ? 1 : 0)) * scale
                }
            }
        }
        return total / Double(rows)
    }

    /// Keras's sparse cross-entropy on probabilities: log of p clipped to [ε, 1−ε] taken as logits.
    static func sparseCrossEntropy(_ p: Input, _ labels: Input, _ rows: Int, _ columns: Int, _ g: Gradient) -> Double {
        let scale = 1 / Float(rows)
        var total: Double = 0
        for row in 0..<rows {
            let pr = p + row * columns
            let label = Int(labels[row])
            var sum: Float = 0
            for j in 0..<columns { sum += min(max(pr[j], epsilon), 1 - epsilon) }
            let clippedLabel = min(max(pr[label], epsilon), 1 - epsilon)
            total -= Double(_log(clippedLabel) - _log(sum))
            if let g {
                for j in 0..<columns {
                    let clipped = min(max(pr[j], epsilon), 1 - epsilon)
                    let dLogit = (clipped / sum - (j == label ? 1 : 0)) * scale
                    let inside = pr[j] >= epsilon && pr[j] <= 1 - epsilon
                    g[row * columns + j] = inside ? dLogit / clipped : 0
                }
            }
        }
        return total / Double(rows)
    }

    /// mean((ŷ − y)²); ∂/∂ŷ = 2(ŷ − y)/N.
    static func meanSquaredError(_ p: Input, _ y: Input, _ rows: Int, _ columns: Int, _ g: Gradient) -> Double {
        let count = rows * columns
        let scale = 1 / Float(count)
        var total: Double = 0
        for i in 0..<count {
            let difference = p[i] - y[i]
            total += Double(difference * difference)
            g?[i] = 2 * difference * scale
        }
        return total / Double(count)
    }

    /// mean(|ŷ − y|); ∂/∂ŷ = sign(ŷ − y)/N.
    static func meanAbsoluteError(_ p: Input, _ y: Input, _ rows: Int, _ columns: Int, _ g: Gradient) -> Double {
        let count = rows * columns
        let scale = 1 / Float(count)
        var total: Double = 0
        for i in 0..<count {
            let difference = p[i] - y[i]
            total += Double(abs(difference))
            g?[i] = (difference > 0 ? scale : (difference < 0 ? -scale : 0))
        }
        return total / Double(count)
    }

    private static func softmaxDenominator(_ z: Input, _ columns: Int) -> (largest: Float, sum: Float) {
        var largest = -Float.infinity
        for j in 0..<columns { largest = max(largest, z[j]) }
        var sum: Float = 0
        for j in 0..<columns { sum += _exp(z[j] - largest) }
        return (largest, sum)
    }
}
