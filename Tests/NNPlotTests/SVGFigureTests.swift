import Foundation
import Testing

@testable import NNPlot

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `savefig('x.svg')`'s document parses as XML and holds the figure's parts.
@Suite struct SVGFigureTests {
    /// The elements of a document, in order, with their attributes and text.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [String] = []
        private var current = ""
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((name, attributes))
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
            current = ""
        }
    }

    func parse(_ svg: String) -> Collector? {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    @Test func aLineChartIsValidSVGWithItsParts() throws {
        let svg = SVGFigure().render(FigureSamples.lines())
        let document = try #require(parse(svg))
        let root = try #require(document.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["viewBox"] == "0 0 400 200")
        let lines = document.elements.filter { $0.name == "polyline" }
        #expect(lines.count == 2)
        #expect(lines[0].attributes["stroke"] == "#1f77b4")
        #expect(lines[1].attributes["stroke"] == "#ff7f0e")
        #expect(lines[1].attributes["stroke-dasharray"] != nil)
        #expect(lines[0].attributes["points"]?.split(separator: " ").count == 4)
        // Title, x label, legend entries and nice tick labels.
        for text in ["lines", "x", "square", "falling", "0", "1", "2", "3", "0.0", "2.5", "5.0", "7.5"] {
            #expect(document.texts.contains(text), "missing text \(text)")
        }
        #expect(document.elements.contains { $0.name == "g" && $0.attributes["class"] == "legend" })
        #expect(document.elements.contains { $0.name == "clipPath" })
    }

    @Test func imagesAreRectanglesAndColourBarsHaveTicks() throws {
        let document = try #require(parse(SVGFigure().render(FigureSamples.image())))
        let fills = document.elements.filter { $0.name == "rect" }.compactMap { $0.attributes["fill"] }
        #expect(fills.contains("#000000") && fills.contains("#ffffff"))
        #expect(document.elements.contains { $0.name == "g" && $0.attributes["class"] == "colorbar" })
        #expect(document.elements.filter { $0.name == "rect" }.count >= 16 + 50)
    }

    @Test func gridsScatterBarsAndContoursParse() throws {
        for figure in [FigureSamples.grid(), FigureSamples.scatter(), FigureSamples.bars(), FigureSamples.contour()] {
            let document = try #require(parse(SVGFigure().render(figure)))
            #expect(document.elements.first?.name == "svg")
        }
        let grid = try #require(parse(SVGFigure().render(FigureSamples.grid())))
        #expect(grid.elements.filter { $0.name == "g" && ($0.attributes["id"] ?? "").hasPrefix("axes_") }.count == 2)
        #expect(grid.texts.contains("two panels"))
        let scatter = try #require(parse(SVGFigure().render(FigureSamples.scatter())))
        let circles = scatter.elements.filter { $0.name == "circle" }.compactMap { $0.attributes["fill"] }
        #expect(circles == ["#0000ff", "#ff0000", "#0000ff", "#ff0000"])
    }

    @Test func textIsEscaped() throws {
        let figure = FigureSamples.lines()
        figure.suptitle = "a < b & \"c\""
        let document = try #require(parse(SVGFigure().render(figure)))
        #expect(document.texts.contains("a < b & \"c\""))
    }
}
