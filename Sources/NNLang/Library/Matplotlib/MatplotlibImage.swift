import Foundation
import NNEngine

/// `matplotlib.image` (`mpimg.imread`, also `plt.imread`): PNG files read into float32 arrays as matplotlib
/// returns them.
enum MatplotlibImage {
    static func module() -> ModuleObject {
        ModuleObject("matplotlib.image", ["imread": imreadFunction()])
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
