import NNEngine

/// Keras's image layers: `Conv2D`, the pooling layers (with Keras's aliases `MaxPool2D`,
/// `AvgPool2D`, …) and `Reshape`, with Keras 3's arguments, defaults and error messages.
enum KerasConvLayers {
    /// Every name, aliases included (`MaxPool2D` is `MaxPooling2D`, as in Keras).
    static let names = [
        "Conv2D", "Convolution2D", "MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D",
        "GlobalAveragePooling2D", "GlobalAvgPool2D", "GlobalMaxPooling2D", "GlobalMaxPool2D", "Reshape",
    ]

    static let common = KerasLayers.common + ", **kwargs"

    static func constructors() -> [String: Value] {
        var classes: [String: Value] = [
            "Conv2D": layer(
                "Conv2D",
                "filters, kernel_size, strides=(1, 1), padding='valid', data_format=None, dilation_rate=(1, 1), "
                    + "groups=1, activation=None, use_bias=True, kernel_initializer='glorot_uniform', "
                    + "bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, "
                    + "activity_regularizer=None, kernel_constraint=None, bias_constraint=None, " + common,
                "A 2-D convolution: each filter slides over the image, a[i,j,f] = act(Σ window·K[:,:,:,f] + b[f])"
            ) { a, shape, name, interpreter throws(Diagnostic) -> Layer in
                for unsupported in [
                    "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                    "bias_constraint",
                ] where a[unsupported] != nil {
                    throw .unsupported("Conv2D(\(unsupported)=...) is not supported yet", at: a.range(unsupported))
                }
                let filters = try a.int("filters")
                if filters <= 0 {
                    throw Diagnostic(
                        "Invalid value for argument `filters`. Expected a strictly positive value. "
                            + "Received filters=\(filters).", at: a.range("filters"), exception: "ValueError")
                }
                let kernel = try pair(a, "kernel_size", interpreter)
                let strides = try pair(a, "strides", interpreter, default: (1, 1))
                guard try pair(a, "dilation_rate", interpreter, default: (1, 1)) == (1, 1) else {
                    throw .unsupported("Conv2D(dilation_rate=...) is not supported yet", at: a.range("dilation_rate"))
                }
                guard try a.int("groups", default: 1) == 1 else {
                    throw .unsupported("Conv2D(groups=...) is not supported yet", at: a.range("groups"))
                }
                let padding = try self.padding(a)
                let activation = try KerasLibrary.activation(from: a["activation"], range: a.range("activation"))
                let useBias = try a.bool("use_bias", default: true)
                let kernelInitializer = try KerasLibrary.initializer(
                    from: a["kernel_initializer"], default: .glorotUniform, range: a.range("kernel_initializer"))
                let biasInitializer = try KerasLibrary.initializer(
                    from: a["bias_initializer"], default: .zeros, range: a.range("bias_initializer"))
                return try engine(a.callRange) { () throws(EngineError) in
                    try Conv2D(
                        filters: filters, kernelSize: kernel, strides: strides, padding: padding,
                        activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                        biasInitializer: biasInitializer, name: name, inputShape: shape)
                }
            },
            "MaxPooling2D": pooling(.max, "pool_size=(2, 2)"),
            "AveragePooling2D": pooling(.average, "pool_size"),
            "GlobalMaxPooling2D": global(.max),
            "GlobalAveragePooling2D": global(.average),
            "Reshape": layer(
                "Reshape", "target_shape, " + common,
                "The same numbers in another shape per example: Reshape((7, 7, 16))"
            ) { a, shape, name, interpreter throws(Diagnostic) -> Layer in
                guard let value = a["target_shape"] else {
                    throw Diagnostic("Reshape needs a target_shape, like Reshape((28, 28, 1))", at: a.callRange)
                }
                let items: [Value]
                switch value {
                case .tuple, .list: items = try interpreter.iterate(value, range: a.range("target_shape"))
                default: items = [value]
                }
                var target: [Int] = []
                for item in items {
                    guard let size = item.exactInteger else {
                        throw Diagnostic(
                            "Reshape's target_shape must be a tuple of integers; got \(interpreter.repr(value))",
                            at: a.range("target_shape"), exception: "TypeError")
                    }
                    target.append(size)
                }
                do throws(EngineError) {
                    return try Reshape(targetShape: target, name: name, inputShape: shape)
                } catch {
                    throw Diagnostic(error.kerasMessage, at: a.range("target_shape"), exception: "ValueError")
                }
            },
        ]
        classes["Convolution2D"] = classes["Conv2D"]
        classes["MaxPool2D"] = classes["MaxPooling2D"]
        classes["AvgPool2D"] = classes["AveragePooling2D"]
        classes["GlobalMaxPool2D"] = classes["GlobalMaxPooling2D"]
        classes["GlobalAvgPool2D"] = classes["GlobalAveragePooling2D"]
        return classes
    }

    static func pooling(_ mode: Pooling2D.Mode, _ size: String) -> Value {
        let kind = mode == .max ? "MaxPooling2D" : "AveragePooling2D"
        return layer(
            kind, size + ", strides=None, padding='valid', data_format=None, " + common,
            mode == .max
                ? "The largest value of each pool_size window, channel by channel (2×2 halves the height and width)"
                : "The mean of each pool_size window, channel by channel"
        ) { a, shape, name, interpreter throws(Diagnostic) -> Layer in
            let size = try pair(a, "pool_size", interpreter, default: (2, 2))
            let strides = a["strides"] == nil ? nil : try pair(a, "strides", interpreter)
            let padding = try self.padding(a)
            return try engine(a.callRange) { () throws(EngineError) in
                try Pooling2D(
                    mode: mode, poolSize: size, strides: strides, padding: padding, name: name, inputShape: shape)
            }
        }
    }

    static func global(_ mode: Pooling2D.Mode) -> Value {
        let kind = mode == .max ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D"
        return layer(
            kind, "data_format=None, keepdims=False, " + common,
            "One number per channel: the \(mode == .max ? "largest value" : "mean") over the whole image"
        ) { a, shape, name, _ throws(Diagnostic) -> Layer in
            let keepDims = try a.bool("keepdims", default: false)
            return try engine(a.callRange) { () throws(EngineError) in
                try GlobalPooling2D(mode: mode, keepDims: keepDims, name: name, inputShape: shape)
            }
        }
    }

    /// `kernel_size=3` or `(3, 3)`, read as Keras's `standardize_tuple` reads it.
    static func pair(
        _ a: BoundArguments, _ argument: String, _ interpreter: Interpreter, default fallback: (Int, Int)? = nil
    ) throws(Diagnostic) -> (Int, Int) {
        guard let value = a[argument] else {
            if let fallback { return fallback }
            throw Diagnostic("\(a.function)() needs the argument '\(argument)'", at: a.callRange)
        }
        let received =
            "The `\(argument)` argument must be a tuple of 2 integers. Received \(argument)="
            + interpreter.repr(value)
        var sizes: [Int] = []
        switch value {
        case .tuple, .list:
            for item in try interpreter.iterate(value, range: a.range(argument)) {
                guard let size = item.exactInteger else {
                    throw Diagnostic(received, at: a.range(argument), exception: "ValueError")
                }
                sizes.append(size)
            }
            guard sizes.count == 2 else { throw Diagnostic(received, at: a.range(argument), exception: "ValueError") }
        default:
            guard let size = value.exactInteger else {
                throw Diagnostic(received, at: a.range(argument), exception: "ValueError")
            }
            sizes = [size, size]
        }
        let bad = sizes.filter { $0 <= 0 }
        if !bad.isEmpty {
            let set = "{" + Array(Set(bad)).sorted().map(String.init).joined(separator: ", ") + "}"
            throw Diagnostic(
                received + ", including values \(set) that do not satisfy `value > 0`", at: a.range(argument),
                exception: "ValueError")
        }
        return (sizes[0], sizes[1])
    }

    /// `padding='valid'` or `'same'` (any case, as Keras lowercases it).
    static func padding(_ a: BoundArguments) throws(Diagnostic) -> Padding {
        let text = try a.string("padding", default: "valid")
        guard let padding = Padding(rawValue: text.lowercased()) else {
            throw Diagnostic(
                "The `padding` argument must be a list/tuple or one of {'same', 'valid'}. Received: \(text)",
                at: a.range("padding"), exception: "ValueError")
        }
        return padding
    }

    /// A layer class: checks Keras's keyword arguments and data_format, reads the common ones, and
    /// wraps the engine's layer.
    static func layer(
        _ kind: String, _ parameters: String, _ summary: String,
        make: @escaping (BoundArguments, [Int]?, String, Interpreter) throws(Diagnostic) -> Layer
    ) -> Value {
        KerasLayers.layer(kind, parameters, summary) { a, shape, name, interpreter throws(Diagnostic) -> Layer in
            if !a.keywords.isEmpty {
                let given = a.keywords.map { "'\($0.name)': \(interpreter.repr($0.value))" }.joined(separator: ", ")
                throw Diagnostic(
                    "Unrecognized keyword arguments passed to \(kind): {\(given)}", at: a.callRange,
                    exception: "ValueError")
            }
            if a.given("data_format"), let format = a["data_format"] {
                guard case .string(let text) = format, text == "channels_last" || text == "channels_first" else {
                    throw Diagnostic(
                        "The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                            + "Received: data_format=\(interpreter.repr(format))", at: a.range("data_format"),
                        exception: "ValueError")
                }
                if text == "channels_first" {
                    throw .unsupported(
                        "\(kind)(data_format='channels_first') is not supported: NNLab keeps images as "
                            + "(height, width, channels), Keras's default 'channels_last'", at: a.range("data_format"),
                        hint: "leave data_format out, and give images shaped (examples, height, width, channels)")
                }
            }
            return try make(a, shape, name, interpreter)
        }
    }
}
