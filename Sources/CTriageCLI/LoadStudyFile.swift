import Estimator
import NIOCore
import VolumeIO

/// The study file of the load benchmark: one phantom chest CT (512×512×34, lesions drawn, scanner-like noise)
/// written as `.nii.gz`, about 10 MB. Copies are made distinct by the 4-byte MTIME field of the gzip header,
/// which readers skip: every copy is a new study (a new SHA-256) with exactly the same size and voxels, so
/// each costs the same to decode, validate, store and estimate, and no copy needs compressing again.
struct LoadStudyFile: Sendable {
    let template: [UInt8]

    init(slices: Int = 34) throws {
        let phantom = PhantomGenerator(seed: 8).makeCase(
            number: 1, .init(size: 512, slices: slices, targetInvolvementPercent: 30))
        template = try NIfTIWriter().gzippedNIfTI(phantom.volume)
    }

    var megabytes: Double { Double(template.count) / 1e6 }

    /// Copy `number` (≥ 1; the template's MTIME is 0) as bytes.
    func copy(_ number: UInt32) -> [UInt8] {
        var bytes = template
        Self.stamp(number) { offset, byte in bytes[offset] = byte }
        return bytes
    }

    /// Copy `number` as the `file` part of a `multipart/form-data` upload with `clinic` and `patient_id`.
    func multipartBody(_ number: UInt32, clinic: String, patient: String, boundary: String) -> ByteBuffer {
        let head = """
            --\(boundary)\r
            Content-Disposition: form-data; name="clinic"\r
            \r
            \(clinic)\r
            --\(boundary)\r
            Content-Disposition: form-data; name="patient_id"\r
            \r
            \(patient)\r
            --\(boundary)\r
            Content-Disposition: form-data; name="file"; filename="study.nii.gz"\r
            Content-Type: application/gzip\r
            \r

            """
        let tail = "\r\n--\(boundary)--\r\n"
        var buffer = ByteBuffer()
        buffer.reserveCapacity(head.utf8.count + template.count + tail.utf8.count)
        buffer.writeString(head)
        let fileStart = buffer.writerIndex
        buffer.writeBytes(template)
        buffer.writeString(tail)
        Self.stamp(number) { offset, byte in buffer.setInteger(byte, at: fileStart + offset) }
        return buffer
    }

    /// Writes `number` little-endian into gzip header bytes 4…7 (MTIME).
    private static func stamp(_ number: UInt32, _ write: (Int, UInt8) -> Void) {
        for index in 0..<4 { write(4 + index, UInt8(truncatingIfNeeded: number >> (8 * UInt32(index)))) }
    }
}
