import Foundation

/// Small server-rendered SVG charts: no script, no external library, readable by screen readers (a title and
/// a description that lists the figures). Colours come from the stylesheet through the series' class, since
/// the content security policy allows no inline styles.
enum SVGChart {
    struct Series: Equatable {
        var name: String
        /// One per x label; nil leaves a gap (no data that day).
        var values: [Double?]
        /// The CSS class suffix, `series-<style>`.
        var style: String
    }

    static let margin = (left: 48.0, right: 28.0, top: 28.0, bottom: 40.0)

    /// A line chart of several series over the same x labels, with dots at each value and a legend.
    static func line(title: String, xLabels: [String], series: [Series], unit: String, width: Int = 640, height: Int = 260) -> String {
        let frame = Frame(width: width, height: height, count: xLabels.count, maximum: maximum(series))
        var svg = open(title: title, description: describe(xLabels: xLabels, series: series, unit: unit), width: width, height: height, kind: "line")
        svg += frame.axes(unit: unit)
        for (index, label) in xLabels.enumerated() {
            svg += text(x: frame.x(index), y: Double(height) - 22, label, anchor: "middle", cls: "tick")
        }
        for item in series {
            var path = ""
            var pen = false
            for (index, value) in item.values.enumerated() {
                guard let value else { pen = false; continue }
                path += "\(pen ? "L" : "M")\(fmt(frame.x(index))) \(fmt(frame.y(value))) "
                pen = true
                svg += "<circle class=\"dot series-\(item.style)\" cx=\"\(fmt(frame.x(index)))\" cy=\"\(fmt(frame.y(value)))\" r=\"3\"/>"
            }
            if !path.isEmpty { svg += "<path class=\"line series-\(item.style)\" fill=\"none\" d=\"\(path.trimmingCharacters(in: .whitespaces))\"/>" }
        }
        svg += legend(series, width: width)
        return svg + "</svg>"
    }

    /// Grouped vertical bars: one group per label, one bar per series; an optional dashed target line.
    static func bars(
        title: String, labels: [String], series: [Series], unit: String, target: Double? = nil, width: Int = 640, height: Int = 260
    ) -> String {
        let top = max(maximum(series), target ?? 0)
        let frame = Frame(width: width, height: height, count: labels.count, maximum: top, bands: true)
        var svg = open(title: title, description: describe(xLabels: labels, series: series, unit: unit), width: width, height: height, kind: "bar")
        svg += frame.axes(unit: unit)
        let band = frame.band
        let barWidth = max(2, band * 0.8 / Double(max(series.count, 1)))
        for (index, label) in labels.enumerated() {
            let start = frame.x(index) - band * 0.4
            for (number, item) in series.enumerated() {
                guard index < item.values.count, let value = item.values[index] else { continue }
                let y = frame.y(value)
                svg += "<rect class=\"bar series-\(item.style)\" x=\"\(fmt(start + Double(number) * barWidth))\" y=\"\(fmt(y))\" "
                    + "width=\"\(fmt(barWidth - 1))\" height=\"\(fmt(frame.baseline - y))\"><title>\(escape("\(label), \(item.name): \(fmt(value)) \(unit)"))</title></rect>"
            }
            svg += text(x: frame.x(index), y: Double(height) - 22, label, anchor: "middle", cls: "tick")
        }
        if let target {
            let y = fmt(frame.y(target))
            svg += "<line class=\"target\" x1=\"\(fmt(margin.left))\" x2=\"\(fmt(Double(width) - margin.right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += text(x: Double(width) - margin.right, y: frame.y(target) - 4, "target \(fmt(target)) \(unit)", anchor: "end", cls: "tick")
        }
        svg += legend(series, width: width)
        return svg + "</svg>"
    }

    /// The plotting area: x positions by index, y scaled to a rounded-up maximum.
    struct Frame {
        var width: Int
        var height: Int
        var count: Int
        var top: Double
        var bands = false

        init(width: Int, height: Int, count: Int, maximum: Double, bands: Bool = false) {
            self.width = width
            self.height = height
            self.count = max(count, 1)
            top = SVGChart.niceCeiling(maximum)
            self.bands = bands
        }

        var plotWidth: Double { Double(width) - margin.left - margin.right }
        var baseline: Double { Double(height) - margin.bottom }
        var band: Double { plotWidth / Double(count) }

        func x(_ index: Int) -> Double {
            if bands || count == 1 { return margin.left + band * (Double(index) + 0.5) }
            return margin.left + plotWidth * Double(index) / Double(count - 1)
        }

        func y(_ value: Double) -> Double {
            baseline - (baseline - margin.top) * min(max(value, 0), top) / top
        }

        func axes(unit: String) -> String {
            var svg = ""
            for step in 0...4 {
                let value = top * Double(step) / 4
                let y = SVGChart.fmt(self.y(value))
                svg += "<line class=\"grid\" x1=\"\(SVGChart.fmt(margin.left))\" x2=\"\(SVGChart.fmt(Double(width) - margin.right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
                svg += SVGChart.text(x: margin.left - 6, y: self.y(value) + 4, SVGChart.fmt(value), anchor: "end", cls: "tick")
            }
            svg += SVGChart.text(x: 4, y: margin.top - 12, unit, anchor: "start", cls: "unit")
            return svg
        }
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `value` (and at least 1, so an all-zero chart has an axis).
    static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 1 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1, 2, 2.5, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    static func maximum(_ series: [Series]) -> Double {
        series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite).max() ?? 0
    }

    static func open(title: String, description: String, width: Int, height: Int, kind: String) -> String {
        let id = "chart-" + String(title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        return "<svg class=\"chart chart-\(kind)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
            + "role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\"><title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(description))</desc>"
    }

    static func describe(xLabels: [String], series: [Series], unit: String) -> String {
        series.map { item in
            item.name + ": " + xLabels.enumerated().map { index, label in
                let value = index < item.values.count ? item.values[index] : nil
                return "\(label) \(value.map { "\(fmt($0)) \(unit)" } ?? "no data")"
            }.joined(separator: "; ")
        }.joined(separator: ". ")
    }

    static func legend(_ series: [Series], width: Int) -> String {
        var svg = ""
        var x = Double(width) - margin.right - Double(series.count) * 110
        for item in series {
            svg += "<rect class=\"key series-\(item.style)\" x=\"\(fmt(x))\" y=\"8\" width=\"12\" height=\"12\"/>"
            svg += text(x: x + 16, y: 18, item.name, anchor: "start", cls: "legend")
            x += 110
        }
        return svg
    }

    static func text(x: Double, y: Double, _ content: String, anchor: String, cls: String) -> String {
        "<text class=\"\(cls)\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\">\(escape(content))</text>"
    }

    /// Numbers without trailing zeros: "12", "12.5", and two decimals below 1 ("0.25").
    static func fmt(_ value: Double) -> String {
        let scale = abs(value) < 1 ? 100.0 : 10.0
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
