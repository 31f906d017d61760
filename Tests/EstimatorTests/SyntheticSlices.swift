@testable import Estimator

/// Hand-drawn 2-D test scenes in Hounsfield units.
struct SyntheticSlice {
    var shape: PlaneShape
    var hu: [Int16]

    init(size: Int = 96, spacing: Double = 3.5, fill: Int16 = -1000) {
        shape = PlaneShape(width: size, height: size, spacingX: spacing, spacingY: spacing)
        hu = [Int16](repeating: fill, count: size * size)
    }

    /// Millimetre coordinates relative to the slice centre.
    func position(_ i: Int) -> (x: Double, y: Double) {
        ((Double(i % shape.width) - Double(shape.width) / 2) * shape.spacingX, (Double(i / shape.width) - Double(shape.height) / 2) * shape.spacingY)
    }

    mutating func ellipse(cx: Double, cy: Double, a: Double, b: Double, value: Int16) {
        for i in 0..<shape.count {
            let p = position(i)
            let u = (p.x - cx) / a, v = (p.y - cy) / b
            if u * u + v * v <= 1 { hu[i] = value }
        }
    }

    mutating func rectangle(x: ClosedRange<Double>, y: ClosedRange<Double>, value: Int16) {
        for i in 0..<shape.count where x.contains(position(i).x) && y.contains(position(i).y) { hu[i] = value }
    }

    /// A chest: body ellipse of muscle with two lung ellipses of parenchyma.
    static func chest(size: Int = 96, spacing: Double = 3.5) -> SyntheticSlice {
        var slice = SyntheticSlice(size: size, spacing: spacing)
        slice.ellipse(cx: 0, cy: 0, a: 150, b: 110, value: 40)
        slice.ellipse(cx: -65, cy: 0, a: 55, b: 75, value: -850)
        slice.ellipse(cx: 65, cy: 0, a: 50, b: 75, value: -850)
        return slice
    }
}
