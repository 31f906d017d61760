import Foundation
import Postgres
import Server

/// What one estimated study keeps in the database's `blobs`: the uploaded file, the two masks and the key-image
/// PNGs, averaged over the studies the run estimated. Logical sizes: the run's copies share one volume, so
/// their masks and images are stored once (content addressing), which real studies would not be.
enum StoragePerStudy {
    static func measure(pool: PostgresPool) async throws -> String {
        let row = try await pool.query("""
            SELECT count(*)::int8, coalesce(avg(volume.byte_count), 0)::float8,
                   coalesce(avg(lungs.byte_count + lesions.byte_count), 0)::float8,
                   coalesce(avg((SELECT coalesce(sum(b.byte_count), 0) FROM jsonb_array_elements(e.key_images) k
                                  JOIN blobs b ON b.id = (k->>'blob_id')::int8)), 0)::float8,
                   coalesce(avg(jsonb_array_length(e.key_images)), 0)::float8
              FROM estimates e
              JOIN studies s ON s.id = e.study_id
              JOIN blobs volume ON volume.id = s.blob_id
              JOIN blobs lungs ON lungs.id = e.lung_mask_blob_id
              JOIN blobs lesions ON lesions.id = e.lesion_mask_blob_id
             WHERE e.estimator_version = \(EstimationWorker.estimatorVersion)
            """).first!
        let (count, volume, masks, images, imageCount) = try row.decode((Int, Double, Double, Double, Double).self)
        let total = (volume + masks + images) / 1e6
        return String(
            format: "%.2f MB: file %.2f MB + masks %.3f MB + %.1f key images %.3f MB (mean of %d)",
            total, volume / 1e6, masks / 1e6, imageCount, images / 1e6, count)
    }
}
