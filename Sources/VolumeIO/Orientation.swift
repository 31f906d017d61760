/// Which anatomical direction each array axis points to, as in nibabel's `aff2axcodes`
/// (the direction of *increasing* index): e.g. `[.left, .posterior, .superior]` is "LPS".
public struct Orientation: Sendable, Equatable, CustomStringConvertible {
    public enum Direction: Character, Sendable {
        case right = "R", left = "L", anterior = "A", posterior = "P", superior = "S", inferior = "I"
    }

    public var axes: [Direction]

    public init(axes: [Direction]) { self.axes = axes }

    /// Assigns each array axis the world axis it is most aligned with (RAS+ world).
    public init(affine: Affine) {
        var used = Set<Int>()
        var result: [Direction] = []
        for axis in 0..<3 {
            let c = affine.column(axis)
            let components = [c.x, c.y, c.z]
            let world = (0..<3).filter { !used.contains($0) }
                .max { abs(components[$0]) < abs(components[$1]) } ?? axis
            used.insert(world)
            let positive = components[world] >= 0
            switch world {
            case 0: result.append(positive ? .right : .left)
            case 1: result.append(positive ? .anterior : .posterior)
            default: result.append(positive ? .superior : .inferior)
            }
        }
        axes = result
    }

    public var description: String { String(axes.map(\.rawValue)) }
}
