import NNEngine

/// `np.r_[...]` and `np.c_[...]`: arrays, numbers and integer slices (`1:4` is `arange(1, 4)`) joined
/// along the first axis (`r_`), or as columns along the last axis (`c_`, where a 1-D piece is a column).
final class IndexConcatenator: PyObject, SubscriptableObject {
    let columns: Bool

    init(columns: Bool) { self.columns = columns }

    var typeName: String { columns ? "CClass" : "RClass" }
    func repr(_ interpreter: Interpreter) -> String { "<numpy.lib._index_tricks_impl.\(typeName) object>" }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        var pieces: [ArrayMath.Operand] = []
        for item in index {
            switch item {
            case .slice(let start, let stop, let step):
                guard let stop else {
                    throw Diagnostic("a slice in np.\(columns ? "c_" : "r_") needs an end: 0:5", at: range)
                }
                let from = start ?? 0
                let by = step ?? 1
                guard by != 0 else { throw Diagnostic("a slice step cannot be zero", at: range) }
                let span = ((Double(stop) - Double(from)) / Double(by)).rounded(.up)
                guard span < Double(ArrayConversion.maximumElements) else {
                    throw Diagnostic(
                        "np.\(columns ? "c_" : "r_")[\(from):\(stop):\(by)] would hold too many numbers", at: range)
                }
                let count = max(0, Int(span))
                pieces.append(
                    ArrayMath.Operand(
                        tensor: Tensor.exactly(shape: [count], dtype: .int64) { (i: Int) -> Double in
                            Double(from) + Double(i) * Double(by)
                        },
                        weak: false))
            case .value(let value, let itemRange):
                if case .string = value {
                    throw Diagnostic("string directives in np.r_/np.c_ are not supported", at: itemRange)
                }
                if let scalar = ExactValues.scalarTensor(value) {
                    pieces.append(ArrayMath.Operand(tensor: scalar, weak: true))
                } else {
                    pieces.append(try ArrayMath.operand(value, range: itemRange))
                }
            case .newAxis, .ellipsis:
                throw Diagnostic("np.\(columns ? "c_" : "r_") takes arrays, numbers and slices", at: range)
            }
        }
        guard !pieces.isEmpty else { return NumPyLibrary.array(Tensor(shape: [0], dtype: .float64)) }
        // Python numbers take the arrays' type (NumPy's result_type over arrays and scalars).
        var accumulated = pieces[0]
        for piece in pieces.dropFirst() {
            let dtype = ArrayMath.resultType(accumulated, piece)
            accumulated = ArrayMath.Operand(
                tensor: Tensor(shape: [], dtype: dtype), weak: accumulated.weak && piece.weak)
        }
        let minimumRank = columns ? 2 : 1
        let tensors = pieces.map { piece -> Tensor in
            var tensor = piece.tensor
            if tensor.rank < minimumRank {
                // A 1-D piece of c_ becomes a column; anything else gets leading axes of length 1.
                let shape =
                    columns && tensor.rank == 1
                    ? [tensor.count, 1] : Array(repeating: 1, count: minimumRank - tensor.rank) + tensor.shape
                tensor = (try? tensor.reshaped(shape)) ?? tensor
            }
            return tensor
        }
        var result = try NumPyLibrary.concatenate(tensors, axis: columns ? tensors[0].rank - 1 : 0, range: range)
        if result.dtype != accumulated.tensor.dtype {
            result = ArrayConversion.cast(result, to: accumulated.tensor.dtype)
        }
        return NumPyLibrary.array(result)
    }
}
