import Foundation

/// scikit-learn's `_plain_sgd` for dense float64 data, step by step: the samples visited in the order
/// of a Fisher–Yates shuffle driven by its xorshift `our_rand_r` (the same swaps every epoch, from one
/// seed), the weight vector kept as `wscale · w` (so L2 decay is one multiplication), the learning
/// rate schedules, and the `tol` stopping rule on the epoch's mean objective.
struct PlainSGD {
    enum Loss {
        case squaredError
        case hinge(Double)
        case squaredHinge, modifiedHuber, logLoss
        case epsilonInsensitive(Double)
        case squaredEpsilonInsensitive(Double)
        case huber(Double)

        func loss(_ y: Double, _ p: Double) -> Double {
            switch self {
            case .squaredError: return 0.5 * (p - y) * (p - y)
            case .hinge(let threshold):
                let z = p * y
                return z <= threshold ? threshold - z : 0
            case .squaredHinge:
                let z = 1 - p * y
                return z > 0 ? z * z : 0
            case .modifiedHuber:
                let z = p * y
                if z >= 1 { return 0 }
                return z >= -1 ? (1 - z) * (1 - z) : -4 * z
            case .logLoss:
                if p <= -37 { return exp(p) - y * p }
                if p <= 18 { return log1p(exp(p)) - y * p }
                return p + exp(-p) - y * p
            case .epsilonInsensitive(let epsilon): return max(abs(y - p) - epsilon, 0)
            case .squaredEpsilonInsensitive(let epsilon):
                let r = max(abs(y - p) - epsilon, 0)
                return r * r
            case .huber(let delta):
                let r = abs(p - y)
                return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta)
            }
        }

        func gradient(_ y: Double, _ p: Double) -> Double {
            switch self {
            case .squaredError: return p - y
            case .hinge(let threshold): return p * y <= threshold ? -y : 0
            case .squaredHinge:
                let z = 1 - p * y
                return z > 0 ? -2 * y * z : 0
            case .modifiedHuber:
                let z = p * y
                if z >= 1 { return 0 }
                return z >= -1 ? 2 * (1 - z) * -y : -4 * y
            case .logLoss:
                if p > -37 {
                    let e = exp(-p)
                    return ((1 - y) - y * e) / (1 + e)
                }
                return exp(p) - y
            case .epsilonInsensitive(let epsilon):
                if y - p > epsilon { return -1 }
                return p - y > epsilon ? 1 : 0
            case .squaredEpsilonInsensitive(let epsilon):
                let z = y - p
                if z > epsilon { return -2 * (z - epsilon) }
                return z < -epsilon ? 2 * (-z - epsilon) : 0
            case .huber(let delta):
                let r = p - y
                if abs(r) <= delta { return r }
                return r > 0 ? delta : -delta
            }
        }
    }

    enum Schedule: String { case constant, optimal, invscaling, adaptive }

    var loss: Loss
    var l2: Bool
    var alpha: Double
    var fitIntercept: Bool
    var maxIter: Int
    /// nil: no stopping rule (`tol=None`).
    var tol: Double?
    var shuffle: Bool
    var noChangeLimit: Int
    var schedule: Schedule
    var eta0: Double
    var powerT: Double

    struct Result {
        var weights: [Double]
        var intercept: Double
        var epochs: Int
        /// The epoch (1-based) at which a weight or the intercept stopped being finite.
        var overflowEpoch: Int?
    }

    /// `our_rand_r`: a 32-bit xorshift, reduced below 2³¹.
    static func next(_ seed: inout UInt32) -> UInt32 {
        if seed == 0 { seed = 1 }
        seed ^= seed << 13
        seed ^= seed >> 17
        seed ^= seed << 5
        return seed % (UInt32(2_147_483_647) + 1)
    }

    /// Trains from zero weights on `rows` samples of `width` features; `t` is the first update's count.
    func run(x: [Double], rows: Int, width: Int, y: [Double], seed: UInt32, t start: Double = 1) -> Result {
        var w = [Double](repeating: 0, count: width)
        var wscale = 1.0
        var squaredNorm = 0.0
        var intercept = 0.0
        var order = Array(0..<rows)
        var t = start
        var eta = eta0
        var bestObjective = Double.infinity
        var noImprovement = 0
        var optimalInit = 0.0
        if schedule == .optimal {
            let typical = (1 / alpha.squareRoot()).squareRoot()
            let initialEta = typical / max(1, loss.gradient(1, -typical))
            optimalInit = 1 / (initialEta * alpha)
        }
        var epoch = 0
        var overflow: Int?
        while epoch < maxIter {
            var objective = 0.0
            if shuffle, rows > 1 {
                var state = seed
                for i in 0..<(rows - 1) {
                    let j = i + Int(PlainSGD.next(&state) % UInt32(rows - i))
                    order.swapAt(i, j)
                }
            }
            for index in order {
                let row = index * width
                var product = 0.0
                for j in 0..<width { product += w[j] * x[row + j] }
                let p = product * wscale + intercept
                switch schedule {
                case .optimal: eta = 1 / (alpha * (optimalInit + t - 1))
                case .invscaling: eta = eta0 / pow(t, powerT)
                default: break
                }
                let target = y[index]
                objective += loss.loss(target, p)
                if l2 {
                    let norm = squaredNorm.squareRoot()
                    objective += alpha * (0.5 * (norm * norm))
                }
                let dloss = min(max(loss.gradient(target, p), -1e12), 1e12)
                let update = -eta * dloss
                if l2 {
                    let c = max(0, 1 - eta * alpha)
                    wscale *= c
                    squaredNorm *= c * c
                    if wscale < 1e-9 {
                        for j in 0..<width { w[j] *= wscale }
                        wscale = 1
                    }
                }
                if update != 0 {
                    var accumulator = 0.0
                    for j in 0..<width {
                        w[j] += x[row + j] * (update / wscale)
                        accumulator += w[j] * w[j]
                    }
                    squaredNorm = accumulator * (wscale * wscale)
                }
                if fitIntercept, update != 0 { intercept += update }
                t += 1
            }
            if !intercept.isFinite || w.contains(where: { !$0.isFinite }) {
                overflow = epoch + 1
                break
            }
            let mean = objective / Double(rows)
            if let tol, mean > bestObjective - tol {
                noImprovement += 1
            } else {
                noImprovement = 0
            }
            if mean < bestObjective { bestObjective = mean }
            if noImprovement >= noChangeLimit {
                if schedule == .adaptive, eta > 1e-6 {
                    eta /= 5
                    noImprovement = 0
                } else {
                    break
                }
            }
            epoch += 1
        }
        let epochs = min(epoch + 1, maxIter)
        return Result(weights: w.map { $0 * wscale }, intercept: intercept, epochs: epochs, overflowEpoch: overflow)
    }
}
