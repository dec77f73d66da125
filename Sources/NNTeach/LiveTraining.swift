import NNEngine
import NNPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fit(..., live=True)` on a terminal: the loss curve (and, for two input features, the decision
/// boundary) redrawn in place while the model trains, at most ten times a second, instead of the
/// progress bar. Each frame moves the cursor back up over the previous one and draws over it.
/// What the teacher says meanwhile is kept under the picture, so the redraw never tears.
public final class LiveTraining: TrainingObserver {
    /// The points and labels of a 2-D classification, and the model's outputs for a grid of points.
    public struct Boundary {
        public var points: Tensor
        public var labels: Tensor
        public var predict: (Tensor) -> Tensor?
        public init(points: Tensor, labels: Tensor, predict: @escaping (Tensor) -> Tensor?) {
            self.points = points
            self.labels = labels
            self.predict = predict
        }
    }

    let styleNow: () -> Style
    let write: (String) -> Void
    let boundary: Boundary?
    /// In a host that shows pictures (a notebook): no frames while training, and the last one goes
    /// here, as text and as SVG.
    let picture: ((_ text: String, _ svg: String?) -> Void)?
    /// The seconds between frames (0.1: ten frames a second at most).
    static let interval = 0.1
    /// The clock, in seconds; tests give their own so frames do not depend on timing.
    var clock: () -> Double = LiveTraining.now
    /// The terminal's rows, so that a frame never grows taller than the screen (the cursor could not
    /// go back up over it).
    var rows: () -> Int = LiveTraining.terminalRows

    private var losses: [Float] = []
    private var validation: [Float] = []
    private var running: Float?
    private var epoch = 0, epochs = 0, step = 0, steps = 0
    private var lastFrame = -Double.infinity
    private var drawnLines = 0
    private var notes: [String] = []
    private var finished = false
    public private(set) var frames = 0

    public init(
        style: @escaping () -> Style, boundary: Boundary?, write: @escaping (String) -> Void,
        picture: ((_ text: String, _ svg: String?) -> Void)? = nil
    ) {
        self.styleNow = style
        self.boundary = boundary
        self.write = write
        self.picture = picture
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func terminalRows() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 24
    }

    /// Text from the teacher or the watcher during training: shown under the picture; before the
    /// first frame and after the last, written as it comes.
    public func note(_ text: String) {
        guard drawnLines > 0, !finished else { return write(text) }
        notes += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    public func trainingWillBegin(_ plan: TrainingPlan) {
        epochs = plan.epochs
        steps = plan.stepsPerEpoch
    }

    public func epochWillBegin(epoch: Int) { self.epoch = epoch }

    public func batchDidEnd(epoch: Int, step: Int, logs: Logs) {
        self.step = step
        running = logs["loss"]
        drawIfDue()
    }

    public func epochDidEnd(epoch: Int, logs: Logs) {
        if let loss = logs["loss"] { losses.append(loss) }
        if let loss = logs["val_loss"] { validation.append(loss) }
        running = nil
        step = steps
        drawIfDue()
    }

    public func trainingDidEnd(_ history: History) {
        if let picture {
            picture(frame(final: true).joined(separator: "\n") + "\n", SVGFigure().render(lastFigure()))
        } else {
            draw(final: true)
        }
        finished = true
    }

    /// The last frame as a figure: the loss curves, and the decision regions beside them.
    func lastFigure() -> Figure {
        var series = [LineChart.Series(name: "loss", values: losses)]
        if !validation.isEmpty { series.append(LineChart.Series(name: "val_loss", values: validation)) }
        let chart = PictureFigures.Chart(title: "loss", series: series)
        guard let boundary else { return PictureFigures.training(chart, boundary: nil) }
        let rows = boundary.points.rows
        let xs = (0..<rows).map { boundary.points[flat: 2 * $0] }
        let ys = (0..<rows).map { boundary.points[flat: 2 * $0 + 1] }
        let regions = DecisionBoundary.regions(
            xs: xs, ys: ys, columns: PictureFigures.regionColumns, rows: PictureFigures.regionRows
        ) { grid in
            guard let outputs = boundary.predict(Tensor(shape: [grid.count / 2, 2]) { grid[$0] }) else {
                return ([], 1)
            }
            return (outputs.scalars, outputs.rowWidth)
        }
        let panel = PictureFigures.BoundaryPanel(title: "decision regions", regions: regions)
        return PictureFigures.training(chart, boundary: (panel, xs, ys, boundary.labels.scalars))
    }

    /// The seconds the last frame took to draw: frames wait at least nine times that, so that
    /// drawing never takes more than a tenth of training's time (on a slow machine, or a debug build).
    private var drawingTime = 0.0
    /// The real clock for that measure; tests stop it, so that their frames never depend on speed.
    var stopwatch: () -> Double = LiveTraining.now

    private func drawIfDue() {
        guard picture == nil else { return }
        let now = clock()
        guard now - lastFrame >= max(LiveTraining.interval, 9 * drawingTime) else { return }
        lastFrame = now
        let start = stopwatch()
        draw(final: false)
        drawingTime = stopwatch() - start
    }

    private func draw(final: Bool) {
        let lines = frame(final: final)
        var text = Style.eraseLinesAbove(drawnLines)
        text += lines.joined(separator: "\n") + "\n"
        write(text)
        drawnLines = lines.count
        frames += 1
    }

    /// The frame's lines: a status line, the loss chart (with the boundary beside it when the
    /// terminal is wide enough, under it otherwise, left out when the screen is too short), and the
    /// latest notes.
    func frame(final: Bool) -> [String] {
        let style = styleNow()
        let numbers = NumberText(style: style)
        var status = "epoch \(epoch)/\(epochs)" + (final ? "" : ", step \(step)/\(steps)")
        if let loss = running ?? losses.last { status += ", loss " + numbers.number(loss) }
        var lines = [style.emphasis((final ? "Trained: " : "Training (live): ") + status)]
        let shownNotes = final ? notes : Array(notes.suffix(3))
        let room = max(8, rows() - 2 - lines.count - shownNotes.count)
        var values = losses
        if let running { values.append(running) }
        var series = [LineChart.Series(name: "loss", values: values)]
        if !validation.isEmpty { series.append(LineChart.Series(name: "val_loss", values: validation)) }
        let besideWidth = boundary == nil ? 0 : min(40, style.width / 3)
        let sideBySide = besideWidth > 0 && style.width - besideWidth - 3 >= 40
        var chartStyle = style
        if sideBySide { chartStyle.width = style.width - besideWidth - 3 }
        var chart = LineChart(style: chartStyle)
        chart.height = max(4, min(12, room - 4))
        var chartLines = chart.render(series, xLabel: "epoch").split(separator: "\n").map(String.init)
        if let boundary, sideBySide || room >= chart.height + 4 + 10 {
            var picture = DecisionBoundary(style: style)
            picture.showsLegend = false
            picture.width = sideBySide ? besideWidth : min(60, style.width)
            picture.height = sideBySide ? chart.height + 2 : min(14, room - chart.height - 5)
            let rows = boundary.points.rows
            let xs = (0..<rows).map { boundary.points[flat: 2 * $0] }
            let ys = (0..<rows).map { boundary.points[flat: 2 * $0 + 1] }
            let drawn = picture.render(xs: xs, ys: ys, labels: boundary.labels.scalars) { grid in
                guard let outputs = boundary.predict(Tensor(shape: [grid.count / 2, 2]) { grid[$0] }) else {
                    return ([], 1)
                }
                return (outputs.scalars, outputs.rowWidth)
            }
            // The picture's own legend line is too wide to stand beside the chart: a short one instead.
            var boundaryLines = drawn.split(separator: "\n").map(String.init)
            let classes = max(2, min(4, Int(boundary.labels.scalars.max() ?? 1) + 1))
            boundaryLines.append(
                style.note(
                    (0..<classes).map { label in
                        picture.pointMark(label) + " class \(label)"
                    }.joined(separator: "  ")))
            if sideBySide {
                let leftWidth = chartLines.map { Style.visibleWidth($0) }.max() ?? 0
                let count = max(chartLines.count, boundaryLines.count)
                chartLines = (0..<count).map { index in
                    let left = index < chartLines.count ? chartLines[index] : ""
                    let right = index < boundaryLines.count ? boundaryLines[index] : ""
                    return left + String(repeating: " ", count: max(0, leftWidth - Style.visibleWidth(left) + 3))
                        + right
                }
            } else {
                chartLines += boundaryLines
            }
        }
        lines += chartLines
        lines += shownNotes
        return lines
    }
}
