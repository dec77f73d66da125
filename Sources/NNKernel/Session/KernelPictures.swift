import NNLang
import NNRepl

/// Draws the picture a cell just made as SVG, or nil when there is none; it reads what it needs
/// from the interpreter. matplotlib figures (`plt.show()`) come with their SVG already; this seam
/// is for NNLab's own pictures (`plot`, `show`, `plot_boundary`), which go as text only without it.
public typealias SVGRenderer = (Interpreter) -> String?

/// The `display_data` content for a picture: its text drawing as `text/plain`, and `image/svg+xml`
/// when it has one (a matplotlib figure) or the SVG renderer draws one.
enum KernelPictures {
    static func displayData(text: String, figure: String?, interpreter: Interpreter, svg: SVGRenderer?) -> JSON {
        var data: [String: JSON] = ["text/plain": .string(text)]
        if let figure = figure ?? svg.flatMap({ $0(interpreter) }) { data["image/svg+xml"] = .string(figure) }
        return ["data": .object(data), "metadata": [:]]
    }
}
