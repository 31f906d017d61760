/// Third-dimension check on the envelopes: a lung's surface is smooth along z, so a pixel that is
/// the same lung in the slices directly above and below is that lung here too, whatever its density.
///
/// Airless lung (consolidation, −300…+50 HU) against the mediastinum has the density of the fat and
/// soft tissue beside it, so one slice's envelope can retreat where its neighbours' do not; the slices
/// around it still show where the pleura runs. Airway pixels and the other lung are never taken.
enum EnvelopeBridging {
    /// Adds to `bits` (one slice's `SliceEnvelopes.bits`) the pixels enclosed by the same lung above and below.
    static func bridge(_ bits: inout [UInt8], below: CroppedPlane, above: CroppedPlane) {
        let sides = SliceEnvelopes.right | SliceEnvelopes.left
        let width = below.parent.width
        precondition(bits.count == below.parent.count && above.parent == below.parent, "three planes of one slice shape")
        // Only where both neighbours hold a lung can a pixel be added: inside both of their boxes.
        let x0 = max(below.x0, above.x0), x1 = min(below.x0 + below.width, above.x0 + above.width) - 1
        let y0 = max(below.y0, above.y0), y1 = min(below.y0 + below.height, above.y0 + above.height) - 1
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            let lower = (y - below.y0) * below.width - below.x0, upper = (y - above.y0) * above.width - above.x0
            for x in x0...x1 where bits[y * width + x] & (sides | SliceEnvelopes.airway) == 0 {
                let side = below.values[lower + x] & above.values[upper + x] & sides
                if side == SliceEnvelopes.right || side == SliceEnvelopes.left { bits[y * width + x] |= side }
            }
        }
    }
}
