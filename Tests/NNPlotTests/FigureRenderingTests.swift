import Foundation
import Testing

@testable import NNPlot

/// Each kind of figure drawn at a fixed width in plain ASCII, Unicode, colour, and ASCII at 80
/// columns (where a grid's panels stand side by side), compared character for character with the
/// drawings in Fixtures/figures. The drawings were recorded on purpose and checked by eye
/// (`NNPLOT_RECORD=1 swift test --filter FigureRenderingTests` writes them again).
@Suite struct FigureRenderingTests {
    static let styles: [(String, Style)] = [
        ("ascii", Style(unicode: false, color: false, width: 40)),
        ("unicode", Style(unicode: true, color: false, width: 40)),
        ("color", Style(unicode: true, color: true, width: 40)),
        ("wide", Style(unicode: false, color: false, width: 80)),
    ]
    static let samples: [String] = ["lines", "scatter", "image", "bars", "contour", "grid"]

    static func figure(_ name: String) -> Figure {
        switch name {
        case "lines": FigureSamples.lines()
        case "scatter": FigureSamples.scatter()
        case "image": FigureSamples.image()
        case "bars": FigureSamples.bars()
        case "contour": FigureSamples.contour()
        default: FigureSamples.grid()
        }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/figures")

    @Test(arguments: samples)
    func drawingsMatchTheRecordedOnes(_ sample: String) throws {
        for (styleName, style) in Self.styles {
            let drawn = TerminalFigure(style: style).render(Self.figure(sample))
            let file = Self.folder.appendingPathComponent("\(sample)-\(styleName).txt")
            if ProcessInfo.processInfo.environment["NNPLOT_RECORD"] != nil {
                try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                try Data(drawn.utf8).write(to: file)
            }
            let recorded = try String(contentsOf: file, encoding: .utf8)
            #expect(drawn == recorded, "\(sample) in \(styleName)")
        }
    }

    @Test func asciiDrawingsHaveNoEscapesOrUnicode() {
        for sample in Self.samples {
            let drawn = TerminalFigure(style: Style(unicode: false, color: false, width: 60)).render(
                Self.figure(sample))
            #expect(drawn.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\u{1B}" }, "\(sample)")
        }
    }

    @Test func panelsStandSideBySideWhenTheyFitAndStackOtherwise() {
        let wide = TerminalFigure(style: Style(unicode: false, color: false, width: 80)).render(FigureSamples.grid())
        #expect(
            wide.split(separator: "\n")[1].contains("panel 1") && wide.split(separator: "\n")[1].contains("panel 2"))
        let narrow = TerminalFigure(style: Style(unicode: false, color: false, width: 40)).render(FigureSamples.grid())
        #expect(!narrow.split(separator: "\n").contains { $0.contains("panel 1") && $0.contains("panel 2") })
    }

    @Test func imagesKeepTheirFirstRowOnTop() {
        let lines = TerminalFigure(style: .plain).render(FigureSamples.image()).split(separator: "\n")
        // The top row holds the smallest values (dark), the bottom row the largest.
        #expect(lines[0].hasSuffix("  ....::"))
        #expect(lines[3].hasSuffix("##%%%%@@"))
    }

    @Test func scattersWithoutColourGetMarksOfTheirOwn() {
        let figure = Figure(size: (4, 2))
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        axes.add(
            Artist(.scatter(xs: [0], ys: [0], values: nil, colormap: .viridis, range: nil), color: axes.nextColor()))
        axes.add(
            Artist(.scatter(xs: [1], ys: [1], values: nil, colormap: .viridis, range: nil), color: axes.nextColor()))
        let ascii = TerminalFigure(style: Style(unicode: false, color: false, width: 40)).render(figure)
        #expect(ascii.contains("o") && ascii.contains("x"))
        let colored = TerminalFigure(style: Style(unicode: true, color: true, width: 40)).render(figure)
        #expect(colored.components(separatedBy: "●").count == 3)
    }

    @Test func ticksAreNiceNumbers() {
        #expect(Ticks.linear(0, 1, maximum: 5) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(Ticks.labels(Ticks.linear(0, 1, maximum: 5)) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(Ticks.linear(-0.15, 3.15, maximum: 6) == [0, 1, 2, 3])
        #expect(Ticks.linear(-0.15, 3.15, maximum: 7) == [0, 0.5, 1, 1.5, 2, 2.5, 3])
        #expect(Ticks.labels([0, 2.5, 5, 7.5, 10]) == ["0.0", "2.5", "5.0", "7.5", "10.0"])
        #expect(Ticks.labels([-10, 0, 10, 20]) == ["−10", "0", "10", "20"])
        #expect(Ticks.linear(0, 1000, maximum: 4) == [0, 250, 500, 750, 1000])
        #expect(Ticks.logarithmic(0.005, 20) == [0.01, 0.1, 1, 10])
        #expect(Ticks.powerLabels([0.01, 1, 100], unicode: true) == ["10⁻²", "10⁰", "10²"])
        #expect(Ticks.powerLabels([0.01], unicode: false) == ["10^-2"])
    }

    @Test func coloursByName() {
        #expect(Color(name: "r")?.hex == "#ff0000")
        #expect(Color(name: "tab:orange")?.hex == "#ff7f0e")
        #expect(Color(name: "C1")?.hex == "#ff7f0e")
        #expect(Color(name: "#1F77B4")?.hex == "#1f77b4")
        #expect(Color(name: "0.5")?.hex == "#808080")
        #expect(Color(name: "no such colour") == nil)
        #expect(Colormap.named("gray")?.color(0.5).hex == "#808080")
        #expect(Colormap.named("gray_r")?.color(0).hex == "#ffffff")
        #expect(Colormap.named("viridis")?.color(0).hex == "#440154")
        #expect(Colormap(name: "two", colors: [.black, .white], listed: true).color(0.49).hex == "#000000")
    }
}
