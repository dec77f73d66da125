import NNEngine
import NNPlot
import Testing

@testable import NNTeach

/// The teacher's text on small inputs, character for character.
@Suite struct RenderingTests {
    @Test func numbersVectorsAndMatrices() throws {
        let plain = NumberText(style: .plain)
        #expect(plain.number(0.61304) == "0.6130")
        #expect(plain.number(-0.25) == "-0.2500")
        #expect(plain.number(0.00001234) == "1.234e-05")
        #expect(plain.number(-0.00001) == "-1.000e-05")
        #expect(plain.vector([1, 2, 3]) == "[1.0000, 2.0000, 3.0000]")
        #expect(plain.vector((0..<25).map(Float.init)) == "[0.0000, 1.0000, 2.0000, 3.0000, ... 21 more]")
        let unicode = NumberText(style: Style(unicode: true, color: false))
        #expect(unicode.number(-0.5) == "−0.5000")
        #expect(unicode.vector((0..<8).map(Float.init)).hasSuffix("… 4 more]"))
        let matrix = try Tensor(rows: [[1, -2], [3, 4]])
        #expect(plain.matrix(matrix, indent: "  ") == ["  [[ 1.0000, -2.0000]", "   [ 3.0000,  4.0000]]"])
        let tall = Tensor(shape: [10, 2]) { Float($0) }
        #expect(plain.matrix(tall, indent: "").last == " ... 7 more rows]")
    }

    @Test func symbolsFollowTheTerminal() {
        let unicode = Style(unicode: true, color: false)
        let ascii = Style.plain
        #expect(unicode.layer("z", 12) == "z¹²")
        #expect(ascii.layer("z", 12) == "z[12]")
        #expect(unicode.gradient("W²") == "∂L/∂W²")
        #expect(ascii.gradient(ascii.layer("W", 2)) == "dL/dW[2]")
        #expect(Formulas(style: unicode).activation(.sigmoid, layer: 1) == "a¹ = σ(z¹) = 1/(1+e^(−z¹))")
        #expect(Formulas(style: ascii).activation(.relu, layer: 2) == "a[2] = relu(z[2]) = max(0, z[2])")
        #expect(Style(unicode: true, color: true).heading("Loss").hasPrefix("\u{1B}[1;36m── Loss ──"))
        #expect(ascii.heading("Loss").count == 80)
    }

    @Test func proseWrapsAndMarksUp() {
        let text = """

            # Training
            An **epoch** is one pass over the data, and `fit` runs many of them, one after another, until done.

            - first point
            """
        let plain = Prose(style: Style(unicode: false, color: false, width: 40)).render(text)
        #expect(
            plain
                == """

                Training
                  An **epoch** is one pass over the data,
                  and `fit` runs many of them, one after
                  another, until done.

                  - first point

                """.replacingOccurrences(of: "**", with: ""))
        let colored = Prose(style: Style(unicode: true, color: true, width: 80)).render("use `fit`")
        #expect(colored == "\n  use \u{1B}[33mfit\u{1B}[0m\n")
    }

    @Test func teacherSaysWhatAnEpochIs() {
        var text = ""
        let teacher = Teacher(level: .epoch, style: .plain, notes: ["a note"]) { text += $0 }
        teacher.trainingWillBegin(
            TrainingPlan(
                epochs: 3, batchSize: 32, trainingExamples: 1000, validationExamples: 0,
                stepsPerEpoch: 32, shuffle: true, lossName: "BinaryCrossentropy", optimizerName: "Adam"))
        var logs = Logs()
        logs["loss"] = 0.5
        teacher.epochDidEnd(epoch: 1, logs: logs)
        logs["loss"] = 0.4
        teacher.epochDidEnd(epoch: 2, logs: logs)
        #expect(text.contains("ceil(1000 / 32) = 32\n  gradient steps"))
        #expect(text.contains("so 3 epochs make 96 steps"))
        #expect(text.contains("-> a note"))
        // Keras's bar gives each epoch's loss; the epoch level adds nothing until a milestone.
        #expect(!text.contains("  epoch 2:"))
        logs["loss"] = 0.25
        teacher.epochDidEnd(epoch: 3, logs: logs)
        #expect(text.contains("  epoch 3: the loss is down to half of epoch 1's (0.5000 -> 0.2500)"))
        #expect(!teacher.wantsTrace(epoch: 1, step: 1))
        #expect(Teacher(level: .full, style: .plain) { _ in }.wantsTrace(epoch: 1, step: 1))
    }

    @Test func offSaysNothing() {
        var text = ""
        let teacher = Teacher(level: .off, style: .plain) { text += $0 }
        teacher.trainingWillBegin(
            TrainingPlan(
                epochs: 1, batchSize: 1, trainingExamples: 1, validationExamples: 0,
                stepsPerEpoch: 1, shuffle: false, lossName: "", optimizerName: ""))
        teacher.stepDidEnd(epoch: 1, step: 1, loss: 1, examples: 1)
        teacher.epochDidEnd(epoch: 1, logs: Logs())
        #expect(text.isEmpty)
    }
}
