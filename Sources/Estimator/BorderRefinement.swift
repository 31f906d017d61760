/// Brings the lung border of labels made on averaged blocks back to the input's pixels.
///
/// A block on the lung border is part wall, part lung; its label is what most of it is. Each input
/// pixel of such a block (a block whose lung side differs from a 4-neighbour's) is lung when it is
/// aerated (below the air threshold that defined aerated lung), taking the side of its block or of a
/// neighbouring lung block, and not lung otherwise. Lesion blocks keep their label: consolidation at
/// the wall is as dense as the wall, so the pixel's density cannot tell them apart.
///
/// It holds the input's voxel array (shared with the caller's `Volume`, not copied), so masks keep it alive.
struct BorderRefinement: Sendable {
    let grid: AnalysisGrid
    let voxels: [Int16]
    let airThresholdHU: Int16

    /// What block (bx, by) of a slice's labels gives its input pixels: `label` to all of them, or on
    /// the border `aerated` to the aerated ones and 0 to the others.
    struct Rule {
        var label: UInt8
        var isBorder: Bool
        var aerated: UInt8
    }

    func rule(_ bx: Int, _ by: Int, plane: CroppedPlane) -> Rule {
        let own = plane.value(bx, by)
        if own & SegmentationMasks.lesion != 0 { return Rule(label: own, isBorder: false, aerated: own) }
        let side = own & 3
        var neighbourSide: UInt8 = 0, isBorder = false
        func look(_ nx: Int, _ ny: Int) {
            let other = plane.value(nx, ny) & 3
            if other != side { isBorder = true }
            if neighbourSide == 0 { neighbourSide = other }
        }
        look(bx - 1, by); look(bx + 1, by); look(bx, by - 1); look(bx, by + 1)
        return Rule(label: own, isBorder: isBorder, aerated: side != 0 ? own : neighbourSide)
    }

    /// The label of full-resolution canonical pixel (x, y) of slice `z` under its block's rule.
    func label(_ x: Int, _ y: Int, _ z: Int, rule: Rule) -> UInt8 {
        guard rule.isBorder else { return rule.label }
        return voxels[grid.fine.index(x, y, z)] < airThresholdHU ? rule.aerated : 0
    }

    func label(_ x: Int, _ y: Int, _ z: Int, plane: CroppedPlane) -> UInt8 {
        label(x, y, z, rule: rule(x / grid.binning, y / grid.binning, plane: plane))
    }
}
