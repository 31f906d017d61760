import Dispatch
import Synchronization
import VolumeIO

/// Runs the first pass (`BodySegmenter.survey`) while the file is still being inflated: a helper
/// thread surveys each slice as soon as its voxels are decoded, and the decoding thread joins in once
/// inflating is done. Slices are independent, so the surveys equal those of a finished volume.
/// While it waits for voxels, the helper makes `SpeculativeEnvelope`s of the slices it has surveyed.
///
/// `@unchecked Sendable` is sound because: `begin` sets every plain property before the helper
/// starts (the `async` call orders those writes before it), and nothing changes them until `end` has
/// waited for the helper or closed it out before it started (`helperState`); each slot is written by
/// exactly one thread (slices are claimed through an atomic counter) and read by `takeSurveys()` only
/// after `end`; speculation state is touched only by the helper (which reads only the slots it wrote
/// itself: the decoding thread claims slices only after decoding, so after every claim the helper holds)
/// and by `takeSurveys()` after `end`; voxels are read only below the count published with release
/// ordering and loaded with acquire ordering.
final class StreamingSurvey: VoxelWatcher, @unchecked Sendable {
    private let body: BodySegmenter
    private var grid: AnalysisGrid?
    private var voxels = UnsafeBufferPointer<Int16>(start: nil, count: 0)
    /// Slices in the order their voxels become complete, and the index each needs.
    private var order: [Int] = []
    private var lastIndex: [Int] = []
    private var slots: UnsafeMutablePointer<(survey: SliceSurvey, hu: [Int16])?>?
    private var sliceCount = 0
    private var completed = false
    private var speculated: [SpeculativeEnvelope?] = []
    /// The surveyed count at which the speculative envelopes last all agreed with the selection of the
    /// slices surveyed so far (nothing to do until more are surveyed).
    private var speculationSettledAtCount = 0
    private let decodedCount = Atomic<Int>(0)
    private let failed = Atomic<Bool>(false)
    private let nextClaim = Atomic<Int>(0)
    /// 0 helper not started, 1 running, 2 closed before it started (it then touches nothing).
    private let helperState = Atomic<Int>(0)
    private let speculationsMade = Atomic<Int>(0)
    private let progress = DispatchSemaphore(value: 0)
    private let helper = DispatchGroup()

    init(body: BodySegmenter) { self.body = body }

    /// Speculative envelopes made so far.
    var speculationCount: Int { speculationsMade.load(ordering: .acquiring) }

    deinit {
        if let slots {
            slots.deinitialize(count: sliceCount)
            slots.deallocate()
        }
    }

    func begin(dims: SIMD3<Int>, spacing: SIMD3<Double>, affine: Affine, voxels: UnsafeBufferPointer<Int16>) {
        let fine = CanonicalGrid(dims: dims, spacing: spacing, orientation: Orientation(affine: affine))
        let grid = AnalysisGrid(fine: fine, largestPixelMM: body.configuration.largestAnalysisPixelMM)
        self.grid = grid
        self.voxels = voxels
        sliceCount = grid.size.z
        lastIndex = (0..<sliceCount).map { grid.lastIndex(ofSlice: $0) }
        order = (0..<sliceCount).sorted { (lastIndex[$0], $0) < (lastIndex[$1], $1) }
        slots = .allocate(capacity: sliceCount)
        slots!.initialize(repeating: nil, count: sliceCount)
        speculated = Array(repeating: nil, count: sliceCount)
        DispatchQueue.global().async(group: helper) {
            guard self.helperState.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged else { return }
            self.work(speculating: true)
        }
    }

    func decoded(_ count: Int) {
        decodedCount.store(count, ordering: .releasing)
        progress.signal()
    }

    func end(complete: Bool) {
        if complete { decodedCount.store(voxels.count, ordering: .releasing) } else { failed.store(true, ordering: .releasing) }
        progress.signal()
        if complete {
            completed = true
            work(speculating: false)
        }
        // A helper that never got a thread (a busy pool) is closed out instead of awaited, so a caller
        // on a saturated pool cannot wait on work that cannot start.
        if !helperState.compareExchange(expected: 0, desired: 2, ordering: .acquiring).exchanged { helper.wait() }
    }

    /// Every slice's survey, in slice order, and the averaged slices when the grid averages blocks
    /// (`AnalysisSlices`), moved out (the watcher keeps no copy); nil unless a decode of exactly
    /// `volume`'s voxels completed.
    func takeSurveys(of volume: Volume) -> (surveys: [SliceSurvey], binned: [[Int16]], speculated: [SpeculativeEnvelope?])? {
        guard completed, voxels.count == volume.voxelCount, voxels.baseAddress == volume.voxels.withUnsafeBufferPointer({ $0.baseAddress }) else {
            return nil
        }
        let taken = (0..<sliceCount).map { z in
            let slot = (slots! + z).move()!
            (slots! + z).initialize(to: nil)
            return slot
        }
        return (taken.map(\.survey), grid.map(AnalysisSlices.keepsSlices) == true ? taken.map(\.hu) : [], speculated)
    }

    /// Claims slices in readiness order and surveys each once its voxels are in.
    private func work(speculating: Bool) {
        guard let grid, let slots else { return }
        let shape = grid.planeShape
        let keep = AnalysisSlices.keepsSlices(of: grid)
        while true {
            let claim = nextClaim.wrappingAdd(1, ordering: .relaxed).oldValue
            guard claim < order.count else { return }
            let z = order[claim]
            while decodedCount.load(ordering: .acquiring) <= lastIndex[z] {
                if failed.load(ordering: .acquiring) { return }
                if speculating, speculate(surveyedCount: claim, grid: grid, slots: slots) { continue }
                progress.wait()
            }
            let hu = grid.slice(z, of: voxels)
            slots[z] = (body.survey(slice: hu, shape: shape), keep ? hu : [])
        }
    }

    /// Makes the envelope of the first slice (in readiness order) whose speculative envelope is missing
    /// or was made for other assignments than the selection of the slices surveyed so far (`order`'s
    /// first `surveyedCount`, all surveyed by the helper) gives it; false when there is nothing to do.
    /// A lung fragment at the base joins its lung only through slices above it, so earlier guesses are
    /// revisited as more slices come in.
    private func speculate(surveyedCount: Int, grid: AnalysisGrid, slots: UnsafeMutablePointer<(survey: SliceSurvey, hu: [Int16])?>) -> Bool {
        guard speculationSettledAtCount < surveyedCount else { return false }
        let prefix = order[0..<surveyedCount]
        let low = prefix.min()!, high = prefix.max()!
        // Only a run of adjacent slices links regions as the whole volume will.
        guard high - low + 1 == surveyedCount else { return false }
        let configuration = body.configuration
        let surveys = (low...high).map { slots[$0]!.survey }
        let airways = AirwayTracker(configuration: configuration).track(surveys, shape: grid.planeShape, sliceSpacingMM: grid.spacing.z)
        let selection = LungSelector(configuration: configuration).select(surveys, airways: airways, grid: grid)
        let stale = prefix.first { z in
            speculated[z].map { !$0.matches(assignments: selection.assignments[z - low], airways: airways[z - low]) } ?? true
        }
        guard selection.lungsFound, let z = stale else {
            speculationSettledAtCount = surveyedCount
            return false
        }
        let local = z - low
        let hu = AnalysisSlices.keepsSlices(of: grid) ? slots[z]!.hu : grid.slice(z, of: voxels)
        let envelope = SliceEnvelopes(
            hu: hu, survey: surveys[local], assignments: selection.assignments[local], airways: airways[local],
            shape: grid.planeShape, configuration: configuration
        )
        speculated[z] = SpeculativeEnvelope(
            assignments: selection.assignments[local], airways: airways[local], envelope: CroppedPlane(envelope.bits, shape: grid.planeShape)
        )
        speculationsMade.wrappingAdd(1, ordering: .releasing)
        return true
    }
}
