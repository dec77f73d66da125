import NNEngine

/// The attributes particular to each kind of layer (`units` of Dense, `rate` of Dropout, …).
enum LayerAttributes {
    static func names(of layer: Layer) -> [String] {
        switch layer {
        case is Dense: ["units", "activation", "use_bias", "kernel", "bias"]
        case is Dropout: ["rate", "seed"]
        case is Conv2D:
            [
                "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
                "use_bias", "kernel", "bias",
            ]
        case is Pooling2D: ["pool_size", "strides", "padding", "data_format"]
        case is GlobalPooling2D: ["keepdims", "data_format"]
        case is Reshape: ["target_shape"]
        case let layer as ActivationLayer:
            layer.kind == "Activation"
                ? ["activation"]
                : layer.kind == "Softmax"
                    ? ["axis"]
                    : ["negative_slope"]
                        + (layer.kind == "ReLU" ? ["max_value", "threshold"] : [])
        case is Normalization: ["adapt", "mean", "variance", "invert", "axis"]
        case is BatchNormalization:
            [
                "momentum", "epsilon", "center", "scale", "axis", "gamma", "beta", "moving_mean",
                "moving_variance",
            ]
        default: []
        }
    }

    static func attribute(_ name: String, of object: LayerObject, _ interpreter: Interpreter) throws(Diagnostic)
        -> Value?
    {
        switch object.layer {
        case let dense as Dense: return try denseAttribute(name, dense, object)
        case let dropout as Dropout:
            switch name {
            case "rate": return pythonFloat(dropout.rate)
            case "seed": return dropout.seed.map { .int(Int($0)) } ?? .none
            default: return nil
            }
        case let layer as ActivationLayer: return activationAttribute(name, layer)
        case let layer as Conv2D: return try convolutionAttribute(name, layer, object)
        case let layer as Pooling2D:
            switch name {
            case "pool_size": return .tuple([.int(layer.poolSize.0), .int(layer.poolSize.1)])
            case "strides": return .tuple([.int(layer.strides.0), .int(layer.strides.1)])
            case "padding": return .string(layer.padding.rawValue)
            case "data_format": return .string("channels_last")
            default: return nil
            }
        case let layer as GlobalPooling2D:
            switch name {
            case "keepdims": return .bool(layer.keepDims)
            case "data_format": return .string("channels_last")
            default: return nil
            }
        case let layer as Reshape:
            return name == "target_shape" ? .tuple(layer.targetShape.map { .int($0) }) : nil
        case let layer as Normalization: return try normalizationAttribute(name, layer, object)
        case let layer as BatchNormalization:
            switch name {
            case "momentum": return .float(layer.momentum)
            case "epsilon": return .float(layer.epsilon)
            case "center": return .bool(layer.center)
            case "scale": return .bool(layer.scale)
            case "axis": return .int(-1)
            case "gamma", "beta", "moving_mean", "moving_variance":
                guard layer.isBuilt else { throw Diagnostic("layer '\(layer.name)' has no weights yet", at: nil) }
                guard let index = layer.parameters.firstIndex(where: { $0.name == name }) else { return .none }
                return object.variables[index]
            default: return nil
            }
        default: return nil
        }
    }

    static func activationAttribute(_ name: String, _ layer: ActivationLayer) -> Value? {
        switch (name, layer.function) {
        case ("activation", .standard(let activation)): return .object(ActivationFunction(activation))
        case ("axis", _): return .int(-1)
        case ("negative_slope", .relu(_, let slope, _)): return pythonFloat(slope)
        case ("negative_slope", _): return .float(0)
        case ("max_value", .relu(let maxValue, _, _)): return maxValue.map { pythonFloat($0) } ?? .none
        case ("max_value", _): return .none
        case ("threshold", .relu(_, _, let threshold)): return pythonFloat(threshold)
        case ("threshold", _): return .float(0)
        default: return nil
        }
    }

    static func normalizationAttribute(_ name: String, _ layer: Normalization, _ object: LayerObject) throws(Diagnostic)
        -> Value?
    {
        switch name {
        case "invert": return .bool(layer.invert)
        case "axis": return layer.perFeature ? .tuple([.int(-1)]) : .tuple([])
        case "mean", "variance":
            guard layer.isBuilt else { return .none }
            let (mean, variance) = layer.statistics
            let values = name == "mean" ? mean : variance
            let shape = layer.inputShape ?? [values.count]
            let broadcast =
                [1] + shape.enumerated().map { $0.offset == shape.count - 1 && layer.perFeature ? $0.element : 1 }
            return .array(NDArray(Tensor(shape: broadcast) { values[$0 % max(values.count, 1)] }))
        case "adapt":
            return function("adapt", "data, batch_size=None, steps=None") { a, _ throws(Diagnostic) in
                let data = try a.tensor("data", dtype: .float32)
                try engine(a.callRange) { () throws(EngineError) in try layer.adapt(data) }
                return .none
            }
        default: return nil
        }
    }

    static func convolutionAttribute(_ name: String, _ layer: Conv2D, _ object: LayerObject) throws(Diagnostic)
        -> Value?
    {
        switch name {
        case "filters": return .int(layer.filters)
        case "kernel_size": return .tuple([.int(layer.kernelSize.0), .int(layer.kernelSize.1)])
        case "strides": return .tuple([.int(layer.strides.0), .int(layer.strides.1)])
        case "dilation_rate": return .tuple([.int(1), .int(1)])
        case "padding": return .string(layer.padding.rawValue)
        case "data_format": return .string("channels_last")
        case "use_bias": return .bool(layer.useBias)
        case "activation": return .object(ActivationFunction(layer.activation))
        case "kernel", "bias":
            guard layer.isBuilt else {
                throw Diagnostic(
                    "layer '\(layer.name)' has no weights yet: it is built when it first sees data", at: nil)
            }
            guard name == "kernel" || layer.useBias else { return .none }
            return object.variables[name == "kernel" ? 0 : 1]
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
                throw Diagnostic(
                    "layer '\(layer.name)' has no weights yet: it is built when it first sees data", at: nil)
            }
            guard name == "kernel" || layer.useBias else { return .none }
            return object.variables[name == "kernel" ? 0 : 1]
        default: return nil
        }
    }
}

/// A float32 hyperparameter as the Python float it was written as (0.3, not 0.30000001192092896).
func pythonFloat(_ value: Float) -> Value { .float(Double(String(describing: value)) ?? Double(value)) }
