/// Size and pixel spacing (mm) of a 2-D slice, row-major with x fastest.
struct PlaneShape: Sendable, Equatable {
    var width: Int
    var height: Int
    var spacingX: Double
    var spacingY: Double

    var count: Int { width * height }
    var pixelArea: Double { spacingX * spacingY }

    /// Radius in pixels along x and y of a physical radius, at least one pixel.
    func pixelRadii(_ millimetres: Double) -> (x: Int, y: Int) {
        (max(1, Int((millimetres / spacingX).rounded())), max(1, Int((millimetres / spacingY).rounded())))
    }
}
