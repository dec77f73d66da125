/// The forward and backward computations of `Dense` over raw row-major buffers.
extension Dense {
    /// z = x·W + b and a = f(z) for `rows` examples of `x` (rows × inputs), into the workspace.
    func forward(_ x: UnsafePointer<Float>, rows: Int) {
        guard let width = inputWidth else { return }
        workspace.reserve(rows: rows, units: units)
        let z = workspace.z
        BLAS.gemm(m: rows, n: units, k: width, a: x, b: kernel.pointer, c: z)
        if useBias {
            let b = bias.pointer
            for row in 0..<rows {
                let zr = z + row * units
                for j in 0..<units { zr[j] += b[j] }
            }
        }
        activation.forward(z, into: workspace.a, rows: rows, columns: units)
    }

    /// ∂L/∂z from ∂L/∂a already in the workspace, through the activation's derivative.
    func backwardThroughActivation(rows: Int) {
        activation.backward(workspace.da, z: workspace.z, a: workspace.a, into: workspace.dz, rows: rows, columns: units)
    }

    /// From ∂L/∂z in the workspace: ∂L/∂W = xᵀ·∂L/∂z, ∂L/∂b = Σ_rows ∂L/∂z (plus the regularizer's
    /// gradient), and, when `inputGradient` is given, ∂L/∂x = ∂L/∂z·Wᵀ into it.
    func backward(input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?) {
        guard let width = inputWidth else { return }
        let dz = workspace.dz
        let dW = kernelGradient.mutablePointer()
        BLAS.gemm(transposeA: true, m: width, n: units, k: rows, a: x, b: dz, c: dW)
        if let kernelRegularizer {
            kernelRegularizer.addGradient(of: kernel.pointer, to: dW, count: width * units)
        }
        if useBias {
            let db = biasGradient.mutablePointer()
            for j in 0..<units { db[j] = 0 }
            for row in 0..<rows {
                let dzr = dz + row * units
                for j in 0..<units { db[j] += dzr[j] }
            }
        }
        if let inputGradient {
            BLAS.gemm(transposeB: true, m: rows, n: width, k: units, a: dz, b: kernel.pointer, c: inputGradient)
        }
    }

    /// Applies `optimizer` to W and b, using optimizer slots `2·index` and `2·index + 1`.
    func applyUpdate(_ optimizer: Optimizer, index: Int) {
        optimizer.update(kernel.mutablePointer(), gradient: kernelGradient.pointer, count: kernel.count, slot: 2 * index)
        if useBias {
            optimizer.update(bias.mutablePointer(), gradient: biasGradient.pointer, count: bias.count, slot: 2 * index + 1)
        }
    }

    /// Copies of rows 0..<rows of a workspace buffer, for observers.
    func snapshot(_ buffer: UnsafeMutablePointer<Float>, rows: Int) -> Tensor {
        Tensor(shape: [rows, units]) { buffer[$0] }
    }
}
