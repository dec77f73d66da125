import NNLang

/// Draws the picture a cell just made as SVG, or nil when there is none; it reads what it needs
/// from the interpreter (the figure the cell drew). This is the seam for NNPlot's figure writer:
/// with none, pictures go to the notebook as text only.
public typealias SVGRenderer = (Interpreter) -> String?

/// The `display_data` content for a picture: its text drawing as `text/plain`, and `image/svg+xml`
/// when the SVG renderer draws one.
enum KernelPictures {
    static func displayData(text: String, interpreter: Interpreter, svg: SVGRenderer?) -> JSON {
        var data: [String: JSON] = ["text/plain": .string(text)]
        if let svg, let figure = svg(interpreter) { data["image/svg+xml"] = .string(figure) }
        return ["data": .object(data), "metadata": [:]]
    }
}
