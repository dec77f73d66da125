import NNPlot
import Testing

@testable import NNTeach

/// Wrapping never parts a name from its shape or an ellipsis from its count, and still fits.
@Suite struct WrappingTests {
    let style = Style(unicode: false, color: false, width: 80)

    @Test func aNameKeepsItsShape() {
        let line = "Layer 1  dense_1: Dense(3, sigmoid)   z[1] = x.W[1] + b[1]   W[1] (2, 3), b[1] (3,)"
        #expect(
            style.wrap(line) == [
                "Layer 1  dense_1: Dense(3, sigmoid)   z[1] = x.W[1] + b[1]   W[1] (2, 3),",
                "    b[1] (3,)",
            ])
        let narrow = Style(unicode: false, color: false, width: 30)
        for text in narrow.wrap(line) {
            #expect(!text.trimmingCharacters().hasPrefix("("), "\(text)")
            #expect(!text.hasSuffix("(2,") && !text.hasSuffix("Dense(3,"), "\(text)")
        }
    }

    @Test func anEllipsisKeepsItsCount() {
        let line = "  a[1] = sigmoid(z[1]) = 1/(1+e^(-z[1])) = [0.5512, 0.3383, 0.4345, 0.3147, ... 21 more]"
        #expect(
            style.wrap(line) == [
                "  a[1] = sigmoid(z[1]) = 1/(1+e^(-z[1])) = [0.5512, 0.3383, 0.4345, 0.3147,",
                "      ... 21 more]",
            ])
    }

    @Test func aLongParentheticalStillWrapsWithinTheWidth() {
        let line =
            "  dL/dz = p - y   (sigmoid and cross-entropy together simplify to this, as Keras computes it from "
            + "the logits without ever forming log(p))"
        let lines = style.wrap(line)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 80 })
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String { String(drop { $0 == " " }) }
}
