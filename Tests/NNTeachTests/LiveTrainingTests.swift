import NNEngine
import NNPlot
import Testing

@testable import NNTeach

/// The live view of a fit: frames at most ten a second, each drawn over the previous one, notes
/// kept under the picture, and the last frame left on the screen.
@Suite struct LiveTrainingTests {
    /// Runs a made-up fit of 3 epochs of 2 steps through `view`, the clock going 0.06 s a batch.
    static func train(_ view: LiveTraining) {
        var time = 0.0
        view.clock = {
            time += 0.06
            return time
        }
        view.rows = { 40 }
        view.stopwatch = { 0 }
        view.trainingWillBegin(
            TrainingPlan(
                epochs: 3, batchSize: 2, trainingExamples: 4, validationExamples: 0,
                stepsPerEpoch: 2, shuffle: true, lossName: "mse", optimizerName: "SGD"))
        let losses: [Float] = [0.9, 0.7, 0.5, 0.4, 0.3, 0.25]
        for epoch in 1...3 {
            view.epochWillBegin(epoch: epoch)
            for step in 1...2 {
                var logs = Logs()
                logs["loss"] = losses[(epoch - 1) * 2 + step - 1]
                view.batchDidEnd(epoch: epoch, step: step, logs: logs)
            }
            var logs = Logs()
            logs["loss"] = losses[(epoch - 1) * 2 + 1]
            view.epochDidEnd(epoch: epoch, logs: logs)
            if epoch == 2 { view.note("  epoch 2: the loss is down to half of epoch 1's\n") }
        }
        view.trainingDidEnd(History())
    }

    @Test func framesRedrawInPlaceAtMostTenASecond() {
        var writes: [String] = []
        let view = LiveTraining(
            style: { Style(unicode: false, color: false, width: 60) }, boundary: nil, write: { writes.append($0) })
        view.note("before the first frame\n")
        LiveTrainingTests.train(view)
        view.note("after the last frame\n")
        #expect(writes.first == "before the first frame\n")
        #expect(writes.last == "after the last frame\n")
        // 9 events 0.06 s apart: a frame every other event (0.12 s apart), 5 in all, plus the last one.
        #expect(view.frames == 6)
        let frames = writes.dropFirst().dropLast()
        #expect(frames.count == 6)
        for (previous, frame) in zip(frames, frames.dropFirst()) {
            let height = previous.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            #expect(frame.hasPrefix("\u{1B}[\(height)A\r\u{1B}[J"), "each frame goes back up over the one before")
        }
        let last = String(frames.last ?? "").split(separator: "\u{1B}[J", maxSplits: 1).last.map(String.init) ?? ""
        let expected = [
            "Trained: epoch 3/3, loss 0.2500",
            "0.7000 |**                                                 ",
            "       |  ****                                             ",
            "       |      ***                                          ",
            "       |         ****                                      ",
            "       |             ****                                  ",
            "       |                 ***                               ",
            "0.4750 |                    ****                           ",
            "       |                        *****                      ",
            "       |                             ******                ",
            "       |                                   ******          ",
            "       |                                         ******    ",
            "0.2500 |                                               ****",
            "       +---------------------------------------------------",
            "        1                                                 3",
            "        epoch    * loss",
            "  epoch 2: the loss is down to half of epoch 1's",
        ]
        #expect(last == expected.joined(separator: "\n") + "\n")
    }

    @Test func twoFeaturesDrawTheBoundaryBesideTheLoss() throws {
        var writes: [String] = []
        let points = try Tensor(rows: [[-1, -1], [1, 1], [-1, 1], [1, -1]])
        let labels = Tensor([0, 1, 0, 1])
        let boundary = LiveTraining.Boundary(points: points, labels: labels) { grid in
            Tensor(shape: [grid.rows, 1]) { grid[flat: 2 * $0] > 0 ? 1 : 0 }
        }
        let view = LiveTraining(
            style: { Style(unicode: false, color: false, width: 80) }, boundary: boundary, write: { writes.append($0) })
        LiveTrainingTests.train(view)
        let last = String(writes.last ?? "").split(separator: "\u{1B}[J", maxSplits: 1).last.map(String.init) ?? ""
        let lines = last.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 }, "no line wraps (the redraw would lose its place)")
        #expect(lines[1].hasSuffix("   .O...........+++++++++++X+"))
        #expect(lines.contains { $0.hasSuffix("O class 0  X class 1") })
    }

    /// In a notebook (a host that shows pictures) nothing is redrawn: the progress prints as usual,
    /// notes go straight out, and the last frame is one picture, its text and its SVG.
    @Test func aNotebookGetsTheLastFrameAsOnePicture() throws {
        var writes: [String] = []
        var pictures: [(text: String, svg: String?)] = []
        let points = try Tensor(rows: [[-1, 0], [-0.5, 1], [0.5, -1], [1, 0]])
        let labels = Tensor([0, 0, 1, 1])
        let boundary = LiveTraining.Boundary(points: points, labels: labels) { grid in
            Tensor(shape: [grid.rows, 1]) { grid[flat: 2 * $0] > 0 ? 1 : 0 }
        }
        let view = LiveTraining(
            style: { Style(unicode: false, color: false, width: 80) }, boundary: boundary,
            write: { writes.append($0) }, picture: { pictures.append(($0, $1)) })
        LiveTrainingTests.train(view)
        #expect(view.frames == 0)
        #expect(writes == ["  epoch 2: the loss is down to half of epoch 1's\n"])
        #expect(pictures.count == 1)
        #expect(pictures.first?.text.hasPrefix("Trained: epoch 3/3, loss 0.2500\n") == true)
        #expect(pictures.first?.text.contains("\u{1B}[") == false, "no cursor movement in a picture")
        let svg = pictures.first?.svg ?? ""
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<g id=\"axes_2\">"), "the loss chart and the regions beside it")
        func count(_ mark: String) -> Int { svg.split(separator: "\n").filter { $0.hasPrefix(mark) }.count }
        #expect(count("<polyline") == 1)
        #expect(count("<circle") == 4 + 2, "a point per example, a legend mark per class")
    }
}
