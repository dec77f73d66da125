/// The forward and backward computations of `Dense` over raw row-major buffers.
extension Dense {
    var z: UnsafeMutablePointer<Float> { buffers[0] }
    var a: UnsafeMutablePointer<Float> { buffers[1] }
    var da: UnsafeMutablePointer<Float> { buffers[2] }
    var dz: UnsafeMutablePointer<Float> { buffers[3] }

    public var output: UnsafePointer<Float> { UnsafePointer(buffers[1]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[2] }
    public var finalActivation: Activation { activation }
    public var logits: UnsafePointer<Float> { UnsafePointer(buffers[0]) }
    public var logitsGradient: UnsafeMutablePointer<Float> { buffers[3] }

    /// z = x·W + b and a = f(z) for `rows` examples of `x` (rows × inputs), into the buffers.
    public func forward(_ x: UnsafePointer<Float>, rows examples: Int, training: Bool) {
        guard let width = inputWidth else { return }
        let rows = examples * rowsPerExample
        buffers.reserve(rows: rows, width: units)
        let z = self.z
        BLAS.gemm(m: rows, n: units, k: width, a: x, b: kernel.pointer, c: z)
        if useBias {
            let b = bias.pointer
            for row in 0..<rows {
                let zr = z + row * units
                for j in 0..<units { zr[j] += b[j] }
            }
        }
        activation.forward(z, into: a, rows: rows, columns: units)
    }

    /// ∂L/∂z (through the activation's derivative unless the loss gave it), then ∂L/∂W = xᵀ·∂L/∂z,
    /// ∂L/∂b = Σ_rows ∂L/∂z (plus the regularizer's gradient), and ∂L/∂x = ∂L/∂z·Wᵀ when asked.
    public func backward(
        input x: UnsafePointer<Float>, rows examples: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        guard let width = inputWidth else { return }
        let rows = examples * rowsPerExample
        let dz = self.dz
        if !fromLogits { activation.backward(da, z: z, a: a, into: dz, rows: rows, columns: units) }
        if trainable {
            let dW = kernelParameter.gradient.mutablePointer()
            BLAS.gemm(transposeA: true, m: width, n: units, k: rows, a: x, b: dz, c: dW)
            if let kernelRegularizer {
                kernelRegularizer.addGradient(of: kernel.pointer, to: dW, count: width * units)
            }
            if useBias {
                BLAS.columnSums(dz, rows: rows, columns: units, into: biasParameter.gradient.mutablePointer())
            }
        }
        if let inputGradient {
            BLAS.gemm(transposeB: true, m: rows, n: width, k: units, a: dz, b: kernel.pointer, c: inputGradient)
        }
    }
}
