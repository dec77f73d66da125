import Foundation
import NNLang
import NNPlot
import Testing

/// matplotlib's calls in NNLab: savefig writes SVG, skipped things say so once, plotting never stops a program.
@Suite struct MatplotlibTests {
    func run(_ text: String) -> (output: String, notes: String, failure: DiagnosticList?) {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        var notes = ""
        interpreter.warningHandler = { notes += $0 }
        do { try interpreter.run(SourceFile(name: "program.py", text: text)) } catch {
            return (output.text, notes, error)
        }
        return (output.text, notes, nil)
    }

    @Test func savefigWritesAnSVGFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-savefig-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("loss.svg").path
        let (_, notes, failure) = run(
            """
            import matplotlib.pyplot as plt
            plt.plot([3, 2, 1], label="loss")
            plt.legend()
            plt.savefig("\(path)")
            plt.savefig("\(folder.appendingPathComponent("loss.png").path)", dpi=150)
            """)
        #expect(failure == nil)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<polyline"))
        #expect(svg.contains(">loss</text>"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("loss.png").path))
        #expect(notes.contains("savefig('png')"))
    }

    /// NNLab's own pictures save as matplotlib's do: `plt.savefig` right after one writes its SVG;
    /// once matplotlib draws again, its figure is what is saved.
    @Test func savefigSavesNNLabsLastPicture() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-savefig-own-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let (_, _, failure) = run(
            """
            import numpy as np
            import matplotlib.pyplot as plt
            from keras import Sequential, Input
            from keras.layers import Dense
            X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
            y = np.array([0, 1, 1, 0])
            model = Sequential([Input(shape=(2,)), Dense(3, activation='tanh'), Dense(1, activation='sigmoid')])
            plot_boundary(model, X, y)
            plt.savefig("\(path("regions.svg"))")
            diagram(model, X)
            plt.savefig("\(path("diagram"))")
            plt.plot([3, 2, 1], label="loss")
            plt.savefig("\(path("loss.svg"))")
            plt.show()
            plt.savefig("\(path("empty.svg"))")
            """)
        #expect(failure == nil)
        let regions = try String(contentsOfFile: path("regions.svg"), encoding: .utf8)
        #expect(regions.hasPrefix("<?xml") && regions.contains(">class 1</text>"))
        let diagram = try String(contentsOfFile: path("diagram.svg"), encoding: .utf8)
        #expect(diagram.contains("Activations for one example"))
        let loss = try String(contentsOfFile: path("loss.svg"), encoding: .utf8)
        #expect(loss.contains("<polyline") && !loss.contains("class 1"))
        // After plt.show(), as in matplotlib, the new current figure is empty.
        let empty = try String(contentsOfFile: path("empty.svg"), encoding: .utf8)
        #expect(!empty.contains("<polyline") && !empty.contains("class 1"))
    }

    @Test func skippedThingsAreNotedOncePerKind() {
        let (output, notes, failure) = run(
            """
            import matplotlib.pyplot as plt
            from matplotlib.widgets import Slider
            s = Slider(None, "a", 0, 1)
            t = Slider(None, "b", 0, 1)
            plt.gca().some_unknown_method(1, 2)
            plt.gca().some_unknown_method(3)
            plt.unknown_function()
            print("still running")
            """)
        #expect(failure == nil)
        #expect(output == "still running\n")
        #expect(notes.components(separatedBy: "Slider").count == 2)
        #expect(notes.components(separatedBy: "Axes.some_unknown_method").count == 2)
        #expect(notes.contains("pyplot.unknown_function"))
    }

    @Test func showDrawsInTheInterpretersStyle() {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        interpreter.style = Style(unicode: true, color: false, width: 60)
        try? interpreter.run(
            SourceFile(name: "p.py", text: "import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.show()"))
        #expect(output.text.contains("┤"))
        #expect(output.text.unicodeScalars.contains { $0.value >= 0x2800 && $0.value <= 0x28FF })
    }

    @Test func badArgumentsAreLocatedPythonErrors() {
        let (_, _, failure) = run("import matplotlib.pyplot as plt\nplt.xscale('cubic')")
        #expect(
            failure?.diagnostics.first?.message.hasPrefix("ValueError: 'cubic' is not a valid value for scale") == true)
        let (_, _, shape) = run(
            "import numpy as np\nimport matplotlib.pyplot as plt\nplt.imshow(np.zeros((2, 2, 2, 2)))")
        #expect(shape?.diagnostics.first?.message.contains("Invalid shape") == true)
    }

    /// A course helper's quad plot: GridSpec cells, a 3-D cell, a button's axes placed from another
    /// axes' position, the axes kept in a NumPy array. Layout is no longer a skipped thing; the
    /// button's empty axes is not drawn.
    @Test func gridSpecLayoutsRunWithoutNotes() {
        let (output, notes, failure) = run(
            """
            import numpy as np
            import matplotlib.pyplot as plt
            from matplotlib.gridspec import GridSpec
            from matplotlib.widgets import Button
            fig = plt.figure(figsize=(10, 6))
            gs = GridSpec(2, 2, figure=fig)
            ax0 = fig.add_subplot(gs[0, 0])
            ax2 = fig.add_subplot(gs[1, 0], projection='3d')
            ax3 = fig.add_subplot(gs[1, 1])
            pos = ax3.get_position().get_points()
            axcalc = plt.axes([pos[1, 0] - 0.2, pos[1, 1] - 0.05, 0.2, 0.05])
            ax = np.array([ax0, ax2, ax3, axcalc])
            button = Button(ax[3], 'Run', color='orange')
            ax[0].plot([0, 1], [0, 1])
            print(ax.shape, ax[3] is axcalc)
            plt.show()
            """)
        #expect(failure == nil)
        #expect(output.hasPrefix("(4,) True\n"))
        #expect(!notes.contains("GridSpec"))
        #expect(!notes.contains("get_position"))
        #expect(notes.contains("3d projection"))
        #expect(notes.contains("Button"))
    }

    /// Numeric and string arrays are unchanged by object arrays; an object among ragged lists is NumPy's error.
    @Test func objectArraysLeaveOtherArraysAlone() {
        let (output, _, failure) = run(
            """
            import numpy as np
            import matplotlib.pyplot as plt
            print(repr(np.array([1, 2])), repr(np.array(["a", "b"])), repr(np.asarray([0.5])))
            print(repr(np.array([1, None], dtype=object)), np.array([], dtype=object).shape)
            print(np.array(plt.gca()).shape, np.array([plt.gca()], dtype='O').dtype)
            np.array([[plt.gca()], [1, 2]])
            """)
        #expect(
            output == """
                array([1, 2]) array(['a', 'b'], dtype='<U1') array([0.5])
                array([1, None], dtype=object) (0,)
                () object

                """)
        #expect(failure?.diagnostics.first?.message.contains("inhomogeneous shape after 1 dimensions") == true)
    }
}
