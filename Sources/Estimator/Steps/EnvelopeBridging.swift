/// Third-dimension check on the envelopes: a lung's surface is smooth along z, so a pixel that is
/// the same lung in the slices directly above and below is that lung here too, whatever its density.
///
/// Airless lung (consolidation, −300…+50 HU) against the mediastinum has the density of the fat and
/// soft tissue beside it, so one slice's envelope can retreat where its neighbours' do not; the slices
/// around it still show where the pleura runs. Airway pixels and the other lung are never taken.
enum EnvelopeBridging {
    /// `SliceEnvelopes.bits` of one slice, with pixels enclosed by the same lung above and below added.
    static func bridge(_ bits: [UInt8], below: [UInt8], above: [UInt8]) -> [UInt8] {
        let sides = SliceEnvelopes.right | SliceEnvelopes.left
        var bridged = bits
        for i in bridged.indices where bits[i] & (sides | SliceEnvelopes.airway) == 0 {
            let side = below[i] & above[i] & sides
            if side == SliceEnvelopes.right || side == SliceEnvelopes.left { bridged[i] |= side }
        }
        return bridged
    }
}
