/// NNLab's own pictures as matplotlib-style figures, so that hosts which show images (a Jupyter
/// notebook through the kernel) get an SVG beside the terminal drawing.
public enum PictureFigures {
    /// A line chart: one line per series against 0, 1, 2, … (epochs start at 1), with a legend.
    public static func lineChart(
        _ series: [LineChart.Series], xLabel: String, title: String?, yRange: (Double, Double)? = nil
    ) -> Figure {
        let figure = Figure()
        fill(
            figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1)),
            Chart(title: title, series: series, yRange: yRange), xLabel: xLabel)
        return figure
    }

    /// A grey image, dark for small values, as `show` draws a digit.
    public static func image(_ values: [Float], rows: Int, columns: Int) -> Figure {
        let figure = Figure()
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        let data = ImageData(
            rows: rows, columns: columns, channels: 1, values: values.map { Double($0) },
            colormap: Colormap.named("gray") ?? Colormap.viridis)
        axes.artists.append(Artist(.image(data), color: .black))
        axes.axisVisible = false
        return figure
    }
}
