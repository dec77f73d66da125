import NNEngine
import NNLang

/// A picture a cell asked for (`show`, `plot`, `plot_boundary`, `heatmap`, `diagram`), with what it
/// was drawn from: the input an SVG writer needs to draw it again as a real figure.
public enum KernelPicture {
    case image(Tensor)
    case chart(series: [(name: String, values: [Float])], xLabel: String, title: String?)
    case boundary(points: Tensor, labels: Tensor, predict: (Tensor) -> Tensor?)
    case heatmap(Tensor, title: String)
    case diagram(Sequential)
}

/// Draws a picture as SVG, or nil when it has no SVG form. This is the seam for a figure writer:
/// with none, pictures go to the notebook as text only.
public typealias SVGRenderer = (KernelPicture) -> String?

/// Sends each picture as `display_data`: its text drawing as `text/plain`, and `image/svg+xml`
/// when the SVG renderer draws it.
enum KernelPictures {
    static func wrap(_ text: PictureDrawing, svg: SVGRenderer?, display: @escaping ([String: JSON]) -> Void)
        -> PictureDrawing
    {
        func send(_ drawing: String, _ picture: () -> KernelPicture) -> String {
            var data: [String: JSON] = ["text/plain": .string(drawing)]
            if let svg, let figure = svg(picture()) { data["image/svg+xml"] = .string(figure) }
            display(data)
            return ""  // already sent: the interpreter writes nothing more
        }
        return PictureDrawing(
            image: { send(text.image($0), { [image = $0] in .image(image) }) },
            chart: { series, xLabel, title in
                send(text.chart(series, xLabel, title), { .chart(series: series, xLabel: xLabel, title: title) })
            },
            boundary: { points, labels, predict in
                withoutActuallyEscaping(predict) { predict in
                    send(text.boundary(points, labels, predict), {
                        .boundary(points: points, labels: labels, predict: predict)
                    })
                }
            },
            heatmap: { matrix, title in send(text.heatmap(matrix, title), { .heatmap(matrix, title: title) }) },
            diagram: { model in send(text.diagram(model), { .diagram(model) }) })
    }
}
