import NNEngine

/// NumPy's `clip`, `isclose`, `allclose`, the `isnan` family and the `logical_` functions, broadcasting
/// their arguments as NumPy does.
enum ArrayComparison {
    static func predicate(_ name: String, _ test: @escaping (Double) -> Bool) -> Value {
        function(name, "x") { a, _ throws(Diagnostic) in
            var result = WideMath.map(try NumPyMath.exactTensor(a, "x"), to: .float32) { test($0) ? 1 : 0 }
            result.dtype = .bool
            return result.rank == 0 ? ArrayConversion.scalar(result[flat: 0], dtype: .bool) : NumPyLibrary.array(result)
        }
    }

    static func logical(_ name: String, _ combine: @escaping (Bool, Bool) -> Bool) -> Value {
        function(name, "x1, x2") { a, _ throws(Diagnostic) in
            let x = try ArrayMath.operand(a.values["x1"]?.value ?? .none, range: a.range("x1")).tensor
            let y = try ArrayMath.operand(a.values["x2"]?.value ?? .none, range: a.range("x2")).tensor
            var result = try ArrayMath.broadcast(x, y, range: a.callRange) { combine($0 != 0, $1 != 0) ? 1 : 0 }
            result.dtype = .bool
            return result.rank == 0 ? ArrayConversion.scalar(result[flat: 0], dtype: .bool) : NumPyLibrary.array(result)
        }
    }

    static func members() -> [String: Value] {
        [
            "isnan": predicate("isnan") { $0.isNaN },
            "isinf": predicate("isinf") { $0.isInfinite },
            "isfinite": predicate("isfinite") { $0.isFinite },
            "logical_not": predicate("logical_not") { $0 == 0 },
            "logical_and": logical("logical_and") { $0 && $1 },
            "logical_or": logical("logical_or") { $0 || $1 },
            "logical_xor": logical("logical_xor") { $0 != $1 },
            "clip": function("clip", "a, a_min=None, a_max=None") { a, _ throws(Diagnostic) in
                var result = try ArrayMath.operand(a.values["a"]?.value ?? .none, range: a.range("a"))
                guard a["a_min"] != nil || a["a_max"] != nil else {
                    throw Diagnostic("One of max or min must be given", at: a.callRange)
                }
                for (name, keepsLarger) in [("a_min", true), ("a_max", false)] {
                    guard let value = a[name] else { continue }
                    let bound = try ArrayMath.operand(value, range: a.range(name))
                    let dtype = ArrayMath.resultType(result, bound)
                    if dtype.isWide {
                        let tensor = try WideMath.broadcast(result.tensor, bound.tensor, to: dtype, range: a.callRange)
                        {
                            x, limit in
                            x.isNaN || limit.isNaN ? .nan : (keepsLarger ? Swift.max(x, limit) : Swift.min(x, limit))
                        }
                        result = ArrayMath.Operand(tensor: tensor, weak: false)
                        continue
                    }
                    var tensor = try ArrayMath.broadcast(result.tensor, bound.tensor, range: a.callRange) { x, limit in
                        x.isNaN || limit.isNaN ? .nan : (keepsLarger ? Swift.max(x, limit) : Swift.min(x, limit))
                    }
                    tensor.dtype = dtype
                    result = ArrayMath.Operand(tensor: tensor, weak: false)
                }
                return NumPyLibrary.array(result.tensor)
            },
            "isclose": function("isclose", "a, b, rtol=1e-05, atol=1e-08, equal_nan=False") { a, _ throws(Diagnostic) in
                let result = try isclose(a)
                return result.rank == 0
                    ? ArrayConversion.scalar(result[flat: 0], dtype: .bool) : NumPyLibrary.array(result)
            },
            "allclose": function("allclose", "a, b, rtol=1e-05, atol=1e-08, equal_nan=False") {
                a, _ throws(Diagnostic) in
                .bool(try isclose(a).scalars.allSatisfy { $0 != 0 })
            },
        ]
    }

    /// `|a - b| <= atol + rtol * |b|` element-wise; infinities are close only to themselves. Python numbers
    /// and lists of them are compared at their full double precision.
    static func isclose(_ a: BoundArguments) throws(Diagnostic) -> Tensor {
        let (x, xs) = try operand(a, "a")
        let (y, ys) = try operand(a, "b")
        let rtol = try a.double("rtol", default: 1e-5)
        let atol = try a.double("atol", default: 1e-8)
        let equalNaN = try a.bool("equal_nan", default: false)
        // Broadcast positions rather than values, so the doubles can be looked up afterwards.
        let left = Tensor(shape: x.shape, dtype: .int64) { Float($0) }
        let right = Tensor(shape: y.shape, dtype: .int64) { Float($0) }
        let xi = try ArrayMath.broadcast(left, right, range: a.callRange) { p, _ in p }
        let yi = try ArrayMath.broadcast(left, right, range: a.callRange) { _, q in q }
        return Tensor(shape: xi.shape, dtype: .bool) { flat in
            let p = xs[Int(xi[flat: flat])]
            let q = ys[Int(yi[flat: flat])]
            if p.isNaN || q.isNaN { return equalNaN && p.isNaN && q.isNaN ? 1 : 0 }
            if p.isInfinite || q.isInfinite { return p == q ? 1 : 0 }
            return abs(p - q) <= atol + rtol * abs(q) ? 1 : 0
        }
    }

    /// The argument's shape and its values as doubles (exact for Python numbers and lists of them).
    static func operand(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> (Tensor, [Double]) {
        let value = a.values[name]?.value ?? .none
        let tensor = try ArrayMath.operand(value, range: a.range(name)).tensor
        var exact: [Double] = []
        func collect(_ item: Value) -> Bool {
            switch item {
            case .list(let list): return list.items.allSatisfy(collect)
            case .tuple(let items): return items.allSatisfy(collect)
            case .int, .float, .bool:
                guard let number = item.numericValue else { return false }
                exact.append(number)
                return true
            default: return false
            }
        }
        if collect(value), exact.count == tensor.count { return (tensor, exact) }
        return (tensor, tensor.doubles)
    }
}
