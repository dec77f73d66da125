import NNEngine

/// `np.linalg`: `norm` (vectors and matrices, Frobenius by default) and `inv` (Gauss-Jordan elimination
/// with partial pivoting, in double precision).
enum LinearAlgebra {
    static func module() -> ModuleObject {
        ModuleObject(
            "numpy.linalg",
            [
                "norm": function("norm", "x, ord=None, axis=None, keepdims=False") { a, _ throws(Diagnostic) in
                    try norm(a)
                },
                "inv": function("inv", "a") { a, _ throws(Diagnostic) in
                    NumPyLibrary.array(try inverse(try a.tensor("a"), range: a.range("a")))
                },
            ])
    }

    static func norm(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let tensor = try a.tensor("x")
        let given = a["ord"].flatMap { value -> Value? in if case .string("fro") = value { nil } else { value } }
        let order = try given.map { value throws(Diagnostic) -> Double in
            guard let number = value.numericValue else {
                throw Diagnostic("ord must be a number such as 1, 2 or np.inf", at: a.range("ord"))
            }
            return number
        }
        let reduce: ([Float]) -> Float = { lane in
            switch order {
            case 1?: return Float(lane.reduce(0.0) { $0 + abs(Double($1)) })
            case .some(let p) where p.isInfinite: return lane.map(abs).max() ?? 0
            default: return Float(lane.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
            }
        }
        let dtype: DType = tensor.dtype == .float32 ? .float32 : .float64
        guard let requested = try a.optionalInt("axis") else {
            guard order == nil || tensor.rank <= 1 else {
                throw Diagnostic("only the default (Frobenius) norm is supported for matrices", at: a.range("ord"))
            }
            return ArrayConversion.scalar(reduce(tensor.scalars), dtype: dtype)
        }
        let axis = requested < 0 ? requested + tensor.rank : requested
        guard axis >= 0, axis < tensor.rank else {
            throw Diagnostic(
                "axis \(requested) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
        }
        let length = tensor.shape[axis]
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        var shape = tensor.shape
        if try a.bool("keepdims", default: false) { shape[axis] = 1 } else { shape.remove(at: axis) }
        return NumPyLibrary.array(
            Tensor(shape: shape, dtype: dtype) { flat in
                let o = flat / inner
                let i = flat % inner
                return reduce((0..<length).map { tensor[flat: (o * length + $0) * inner + i] })
            })
    }

    static func inverse(_ matrix: Tensor, range: SourceRange) throws(Diagnostic) -> Tensor {
        guard matrix.rank == 2, matrix.shape[0] == matrix.shape[1] else {
            throw Diagnostic("Last 2 dimensions of the array must be square", at: range)
        }
        let n = matrix.shape[0]
        var left = (0..<n).map { r in (0..<n).map { Double(matrix[flat: r * n + $0]) } }
        var right = (0..<n).map { r in (0..<n).map { $0 == r ? 1.0 : 0.0 } }
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(left[$0][column]) < abs(left[$1][column]) }),
                left[pivot][column] != 0
            else { throw Diagnostic("Singular matrix", at: range) }
            left.swapAt(column, pivot)
            right.swapAt(column, pivot)
            let scale = left[column][column]
            for k in 0..<n {
                left[column][k] /= scale
                right[column][k] /= scale
            }
            for row in 0..<n where row != column && left[row][column] != 0 {
                let factor = left[row][column]
                for k in 0..<n {
                    left[row][k] -= factor * left[column][k]
                    right[row][k] -= factor * right[column][k]
                }
            }
        }
        return Tensor(shape: [n, n], dtype: matrix.dtype == .float32 ? .float32 : .float64) {
            Float(right[$0 / n][$0 % n])
        }
    }
}
