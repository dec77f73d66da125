import Foundation
import NNEngine
import NNPlot

/// `matplotlib.image` (`mpimg.imread`, also `plt.imread`): PNG files read into float32 arrays as matplotlib
/// returns them.
enum MatplotlibImage {
    static func module(_ state: MatplotlibState) -> ModuleObject {
        ModuleObject("matplotlib.image", ["imread": imreadFunction(), "imsave": imsaveFunction(state)])
    }

    static func imsaveFunction(_ state: MatplotlibState) -> Value {
        function("imsave", "fname, arr, vmin=None, vmax=None, cmap=None, format=None, origin=None, **kwargs") {
            a, i throws(Diagnostic) in try imsave(a, state, i)
        }
    }

    /// `imsave`: an RGBA PNG file; grey arrays go through the colour map, RGB(A) floats are scaled by 255.
    static func imsave(_ a: BoundArguments, _ state: MatplotlibState, _ interpreter: Interpreter) throws(Diagnostic)
        -> Value
    {
        let name = try a.string("fname")
        let format = a["format"].flatMap { if case .string(let f) = $0 { f.lowercased() } else { nil } }
        let suffix = name.split(separator: ".").count > 1 ? name.split(separator: ".").last.map(String.init) : nil
        guard (format ?? suffix?.lowercased() ?? "png") == "png" else {
            throw Diagnostic("NNLab writes PNG only: name the file .png", at: a.range("fname"))
        }
        let grid = try MatplotlibValues.grid(a["arr"] ?? .none, range: a.range("arr"))
        var image = ImageData(
            rows: grid.rows, columns: grid.columns, channels: grid.channels, values: grid.values,
            colormap: MatplotlibValues.colormap(a["cmap"], state, interpreter))
        if a["vmin"] != nil || a["vmax"] != nil {
            image.range = (
                try a.double("vmin", default: image.range.low), try a.double("vmax", default: image.range.high)
            )
        }
        if case .string("lower")? = a["origin"] { image.values = AxesMethods.flippedRows(image) }
        let bytes = image.values.contains { $0 > 1 }
        var rgba: [UInt8] = []
        rgba.reserveCapacity(grid.rows * grid.columns * 4)
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let base = (row * grid.columns + column) * grid.channels
                if grid.channels >= 3 {
                    // matplotlib: `(x * 255).astype(np.uint8)` for floats, the bytes as given otherwise.
                    for c in 0..<grid.channels {
                        let x = image.values[base + c]
                        rgba.append(UInt8(clamping: Int(bytes ? x : x * 255)))
                    }
                    if grid.channels == 3 { rgba.append(255) }
                } else {
                    let colour = image.color(row: row, column: column)
                    for x in [colour?.red, colour?.green, colour?.blue] {
                        rgba.append(UInt8(clamping: Int((x ?? 0) * 255)))
                    }
                    rgba.append(colour == nil ? 0 : 255)
                }
            }
        }
        let path = name
        let png = try PNGImage.encode(rgba: rgba, rows: grid.rows, columns: grid.columns, range: a.range("fname"))
        try FileBytes.write(png, to: path, range: a.range("fname"))
        return .none
    }

    static func imreadFunction() -> Value {
        function("imread", "fname, format=None") { a, i throws(Diagnostic) in try imread(a, i) }
    }

    static func imread(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let name = try a.string("fname")
        if name.contains("://") {
            throw Diagnostic(
                "ValueError: Please open the URL for reading and pass the result to Pillow, e.g. with "
                    + "``np.array(PIL.Image.open(urllib.request.urlopen(url)))``.", at: a.range("fname"))
        }
        let bytes = try FileBytes.read(interpreter.resolvePath(name), range: a.range("fname"))
        let image = try PNGImage.decode(bytes, name: name, range: a.range("fname"))
        let values = image.values
        return .array(NDArray(Tensor(shape: image.shape, dtype: .float32) { values[$0] }))
    }
}
