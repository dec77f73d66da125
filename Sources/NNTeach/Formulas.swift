import NNEngine
import NNPlot

/// The formulas the teacher shows, written with the terminal's symbols.
struct Formulas {
    let style: Style

    /// `a = σ(z) = 1/(1+e^(−z))` for layer `n`.
    func activation(_ activation: Activation, layer n: Int) -> String {
        let z = style.layer("z", n)
        let a = style.layer("a", n)
        let m = style.minus
        switch activation {
        case .linear: return "\(a) = \(z)  (linear: no activation)"
        case .sigmoid: return "\(a) = \(style.sigma)(\(z)) = 1/(1+e^(\(m)\(z)))"
        case .relu: return "\(a) = relu(\(z)) = max(0, \(z))"
        case .tanh: return "\(a) = tanh(\(z))"
        case .leakyRelu: return "\(a) = leaky_relu(\(z)) = \(z) if \(z) > 0, else 0.2\(style.dot)\(z)"
        case .softmax: return "\(a) = softmax(\(z)) = e^\(z) / \(style.sum) e^\(z)  (each row sums to 1)"
        case .relu6: return "\(a) = relu6(\(z)) = min(max(0, \(z)), 6)"
        case .elu: return "\(a) = elu(\(z)) = \(z) if \(z) > 0, else e^\(z) \(m) 1"
        case .selu:
            return "\(a) = selu(\(z)) = 1.0507\(style.dot)(\(z) if \(z) > 0, else 1.6733\(style.dot)(e^\(z) \(m) 1))"
        case .gelu:
            return
                "\(a) = gelu(\(z)) = \(z)\(style.dot)\(style.unicode ? "Φ" : "Phi")(\(z))  (Φ: the normal distribution's CDF)"
        case .silu: return "\(a) = silu(\(z)) = \(z)\(style.dot)\(style.sigma)(\(z))"
        case .softplus: return "\(a) = softplus(\(z)) = log(1 + e^\(z))"
        case .softsign: return "\(a) = softsign(\(z)) = \(z) / (1 + |\(z)|)"
        case .hardSigmoid: return "\(a) = hard_sigmoid(\(z)) = min(max(0, \(z)/6 + 0.5), 1)"
        case .exponential: return "\(a) = e^\(z)"
        case .logSoftmax: return "\(a) = log_softmax(\(z)) = \(z) \(m) log \(style.sum) e^\(z)"
        }
    }

    /// The activation's derivative as backpropagation uses it.
    func derivative(_ activation: Activation) -> String {
        let p = style.prime
        let m = style.minus
        switch activation {
        case .linear: return "f\(p)(z) = 1"
        case .sigmoid: return "\(style.sigma)\(p)(z) = \(style.sigma)(z)(1\(m)\(style.sigma)(z))"
        case .relu: return "relu\(p)(z) = 1 if z > 0, else 0"
        case .tanh: return "tanh\(p)(z) = 1 \(m) tanh\(style.unicode ? "²" : "^2")(z)"
        case .leakyRelu: return "leaky_relu\(p)(z) = 1 if z > 0, else 0.2"
        case .softmax:
            return
                "softmax: \(style.gradient("z")) = a \(style.hadamard) (\(style.gradient("a")) \(m) \(style.sum) \(style.gradient("a")) \(style.hadamard) a)"
        case .relu6: return "relu6\(p)(z) = 1 if 0 < z < 6, else 0"
        case .elu: return "elu\(p)(z) = 1 if z > 0, else e^z"
        case .selu: return "selu\(p)(z) = 1.0507 if z > 0, else 1.0507\(style.dot)1.6733\(style.dot)e^z"
        case .gelu:
            return "gelu\(p)(z) = \(style.unicode ? "Φ" : "Phi")(z) + z\(style.dot)\(style.unicode ? "φ" : "phi")(z)"
        case .silu: return "silu\(p)(z) = \(style.sigma)(z)(1 + z(1\(m)\(style.sigma)(z)))"
        case .softplus: return "softplus\(p)(z) = \(style.sigma)(z)"
        case .softsign: return "softsign\(p)(z) = 1/(1 + |z|)\(style.unicode ? "²" : "^2")"
        case .hardSigmoid: return "hard_sigmoid\(p)(z) = 1/6 if \(m)3 < z < 3, else 0"
        case .exponential: return "(e^z)\(p) = e^z"
        case .logSoftmax:
            return
                "log_softmax: \(style.gradient("z")) = \(style.gradient("a")) \(m) softmax(z)\(style.dot)\(style.sum) \(style.gradient("a"))"
        }
    }

    /// Plain name and formula of a loss for one example.
    func loss(_ loss: Loss) -> (name: String, formula: String) {
        let y = "y"
        let h = style.yHat
        let m = style.minus
        switch loss.kind {
        case .binaryCrossentropy:
            return (
                "binary cross-entropy", "L = \(m)[\(y)\(style.dot)log \(h) + (1\(m)\(y))\(style.dot)log(1\(m)\(h))]"
            )
        case .categoricalCrossentropy:
            return (
                "categorical cross-entropy",
                "L = \(m)\(style.sum) y\(style.unicode ? "ₖ" : "_k")\(style.dot)log \(h)\(style.unicode ? "ₖ" : "_k")"
            )
        case .sparseCategoricalCrossentropy:
            return ("sparse categorical cross-entropy", "L = \(m)log \(h)[label]")
        case .meanSquaredError:
            return ("mean squared error", "L = (\(h) \(m) y)\(style.unicode ? "²" : "^2"), averaged over the outputs")
        case .meanAbsoluteError:
            return ("mean absolute error", "L = |\(h) \(m) y|, averaged over the outputs")
        }
    }

    /// The update rule of the optimizer, in the form Keras runs it.
    func update(_ snapshot: OptimizerSnapshot) -> [String] {
        let w = "w"
        let g = style.gradient("w")
        let m = style.minus
        let a = style.arrow
        switch snapshot {
        case .sgd(let rate):
            return ["SGD:  \(w) \(a) \(w) \(m) \(style.eta)\(style.dot)\(g),  \(style.eta) = \(short(rate))"]
        case .momentum(let rate, let momentum, let nesterov, _):
            var lines = ["SGD with momentum:  v \(a) \(style.mu)\(style.dot)v \(m) \(style.eta)\(style.dot)\(g)"]
            lines.append(
                nesterov
                    ? "  (Nesterov)  \(w) \(a) \(w) + \(style.mu)\(style.dot)v \(m) \(style.eta)\(style.dot)\(g)"
                    : "  \(w) \(a) \(w) + v")
            lines.append(
                "  \(style.eta) = \(short(rate)), \(style.mu) = \(short(momentum)); v starts at 0 and remembers past steps"
            )
            return lines
        case .rmsprop(let rate, let rho, let epsilon, _):
            return [
                "RMSprop:  s \(a) \(style.rho)\(style.dot)s + (1\(m)\(style.rho))\(style.dot)(\(g))\(style.unicode ? "²" : "^2")   (a running average of squared gradients)",
                "  \(w) \(a) \(w) \(m) \(style.eta)\(style.dot)\(g) / \(style.sqrt)(s + \(style.epsilon)),  \(style.eta) = \(short(rate)), \(style.rho) = \(rho), \(style.epsilon) = \(epsilon)",
            ]
        case .adam(let rate, let beta1, let beta2, let epsilon, let step, let alpha, _, _):
            let sq = style.unicode ? "²" : "^2"
            return [
                "Adam:  m \(a) \(style.beta1)\(style.dot)m + (1\(m)\(style.beta1))\(style.dot)\(g)     (moving average of gradients)",
                "  v \(a) \(style.beta2)\(style.dot)v + (1\(m)\(style.beta2))\(style.dot)(\(g))\(sq)    (moving average of squared gradients)",
                "  bias correction folded into the step size, as Keras does it:",
                "  \(style.alpha) = \(style.eta)\(style.dot)\(style.sqrt)(1\(m)\(style.beta2)^t)/(1\(m)\(style.beta1)^t) = \(cFormat("%.6g", Double(alpha))) at step t = \(step)",
                "  \(w) \(a) \(w) \(m) \(style.alpha)\(style.dot)m/(\(style.unicode ? "√v" : "sqrt(v)") + \(style.epsilon)),  \(style.eta) = \(short(rate)), \(style.beta1) = \(beta1), \(style.beta2) = \(beta2), \(style.epsilon) = \(epsilon)",
            ]
        }
    }

    func short(_ value: Float) -> String { cFormat("%g", Double(value)) }
}
