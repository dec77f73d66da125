import NNEngine

/// `help(x)`: what a name is, its signature and a short description.
enum Help {
    static let general = """
        help(name) shows what a name is: help(Dense), help(model.fit), help(np.linspace).
        In the REPL, name? does the same, and %quickref lists the magics.
        NNLab's own names: model.step(x, y), model.explain(x), explain(level), show, plot,
        plot_boundary, heatmap, diagram, compare, make_xor, make_spiral, seed(n), pause();
        fit(..., live=True) draws training live on a terminal.
        """

    static func text(for value: Value, _ interpreter: Interpreter) -> String {
        switch value {
        case .object(let function as BuiltinFunction):
            var lines = ["\(function.name)\(function.signature.text)"]
            if !function.summary.isEmpty { lines.append("    " + function.summary) }
            return lines.joined(separator: "\n")
        case .object(let function as UserFunction):
            let about = function.docstring.map(indentedDocstring) ?? "    a function defined in this program"
            return "\(function.name)\(function.signature.text)\n" + about
        case .object(let type as ClassObject):
            let about = type.docstring.map(indentedDocstring) ?? "    a class defined in this program"
            let methods = type.attributeNames.filter { !$0.hasPrefix("_") }.sorted()
            return "class \(type.name)\(type.base.map { "(\($0.name))" } ?? "")\n" + about
                + (methods.isEmpty ? "" : "\n    members: " + methods.joined(separator: ", "))
        case .object(let model as ModelObject):
            return "Sequential model '\(model.model.name)': " + ModelObject.methodNames.joined(separator: ", ")
        case .object(let object):
            let names = object.attributeNames
            return "\(object.typeName): \(object.repr(interpreter))"
                + (names.isEmpty ? "" : "\n    attributes: " + names.joined(separator: ", "))
        case .array(let array):
            return
                "ndarray of shape \(formatShape(array.shape)), dtype \(array.tensor.dtype.rawValue)\n    attributes: "
                + ArrayAttributes.names.joined(separator: ", ")
        default:
            return "\(value.typeName): \(interpreter.repr(value))"
        }
    }
}

/// A docstring as `help` shows it: each line stripped of its indentation and indented by four spaces.
private func indentedDocstring(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        let text = String(line.drop { $0 == " " || $0 == "\t" })
        return text.isEmpty ? "" : "    " + text
    }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n")
}
