import Estimator
import Postgres
import Store
import VolumeIO

/// What an estimate leaves for people to look at: key-image PNGs and the lung and lesion masks as NIfTI,
/// rendered before the storing transaction and written as blobs inside it.
struct EstimationArtifacts: Sendable {
    struct Image: Sendable {
        var name: String
        var width: Int
        var height: Int
        var png: [UInt8]
    }

    var images: [Image]
    var lungMask: [UInt8]
    var lesionMask: [UInt8]

    init(volume: Volume, result: EstimationResult) throws {
        images = try KeyImageRenderer().render(volume, masks: result.masks).map { image in
            Image(
                name: image.name, width: image.width, height: image.height,
                png: try PNGEncoder.encode(width: image.width, height: image.height, channels: 3, pixels: image.rgb))
        }
        let writer = NIfTIWriter()
        lungMask = try writer.gzippedMask(result.masks.lungLabels, dims: volume.dims, affine: volume.affine)
        lesionMask = try writer.gzippedMask(result.masks.lesionMask, dims: volume.dims, affine: volume.affine)
    }

    /// Stores the blobs; returns the key-image list for `estimates.key_images` and the mask blob ids.
    func store(on connection: PostgresConnection) async throws -> (keyImages: [StoredKeyImage], lung: Int, lesion: Int) {
        var stored: [StoredKeyImage] = []
        for image in images {
            stored.append(StoredKeyImage(
                name: image.name, blobID: try await BlobStore.put(image.png, on: connection), width: image.width, height: image.height))
        }
        return (stored, try await BlobStore.put(lungMask, on: connection), try await BlobStore.put(lesionMask, on: connection))
    }
}
