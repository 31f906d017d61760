/// The analysis grid's axial slices for the second pass. Averaged blocks are kept from the first
/// pass (a quarter of the input at 2 × 2) instead of being averaged again for each step; slices at
/// the input's resolution are copied out of the input when needed, so they are never held twice.
struct AnalysisSlices: Sendable {
    let grid: AnalysisGrid
    private let voxels: [Int16]
    private let binned: [[Int16]]

    /// `binned` holds every slice when the grid averages blocks and is empty otherwise.
    init(grid: AnalysisGrid, voxels: [Int16], binned: [[Int16]]) {
        precondition(grid.binning == 1 ? binned.isEmpty : binned.count == grid.size.z, "averaged slices are kept for every slice")
        self.grid = grid
        self.voxels = voxels
        self.binned = binned
    }

    /// Whether the first pass should keep the slices it reads.
    static func keepsSlices(of grid: AnalysisGrid) -> Bool { grid.binning > 1 }

    func slice(_ z: Int) -> [Int16] {
        grid.binning > 1 ? binned[z] : grid.slice(z, of: voxels)
    }
}
