import NNEngine

/// The attributes particular to each kind of layer (`units` of Dense, `rate` of Dropout, …).
enum LayerAttributes {
    static func names(of layer: Layer) -> [String] {
        switch layer {
        case is Dense: ["units", "activation", "use_bias", "kernel", "bias"]
        default: []
        }
    }

    static func attribute(_ name: String, of object: LayerObject, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch object.layer {
        case let dense as Dense: return try denseAttribute(name, dense, object)
        default: return nil
        }
    }

    static func denseAttribute(_ name: String, _ layer: Dense, _ object: LayerObject) throws(Diagnostic) -> Value? {
        switch name {
        case "units": return .int(layer.units)
        case "use_bias": return .bool(layer.useBias)
        case "activation": return .object(ActivationFunction(layer.activation))
        case "kernel", "bias":
            guard layer.isBuilt else {
                throw Diagnostic("layer '\(layer.name)' has no weights yet: it is built when it first sees data", at: nil)
            }
            guard name == "kernel" || layer.useBias else { return .none }
            return object.variables[name == "kernel" ? 0 : 1]
        default: return nil
        }
    }
}
