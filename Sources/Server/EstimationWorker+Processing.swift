import Estimator
import Foundation
import Logging
import Metrics
import Postgres
import Store
import VolumeIO

extension EstimationWorker {
    /// Runs one job with its lease renewed in the background; the result commits only if the lease (attempt)
    /// is still ours. A volume that cannot be read fails permanently with its reason; anything else retries.
    func process(_ job: Job) async {
        let started = ContinuousClock.now
        var log = logger
        log[metadataKey: "study_id"] = "\(job.studyID)"
        log[metadataKey: "attempt"] = "\(job.attempt)"
        let heartbeat = Task { [queue, lease] in
            while !Task.isCancelled {
                try await Task.sleep(for: lease / 3)
                // A heartbeat that failed (the database away for a moment) is tried again at the next beat instead of
                // ending them all, which would let the lease run out under a job still in hand; only a lost lease ends it.
                if (try? await queue.heartbeat(job, lease: lease)) == false { return }
            }
        }
        defer { heartbeat.cancel() }
        do {
            let bytes = try await pool.query("""
                SELECT b.data FROM studies s JOIN blobs b ON b.id = s.blob_id WHERE s.id = \(job.studyID)
                """).first!.decode([UInt8].self, at: 0)
            let readStarted = ContinuousClock.now
            let estimator = self.estimator
            let computed: Result<(EstimationResult, EstimationArtifacts), NIfTIError> = try await CPUWork.run {
                // The first pass surveys slices on another core while later ones are still inflating.
                let volume: Volume, result: EstimationResult
                do {
                    (volume, result) = try estimator.estimate(nifti: bytes)
                } catch let error as NIfTIError {
                    return .failure(error)
                }
                return .success((result, try EstimationArtifacts(volume: volume, result: result)))
            }
            let (result, artifacts): (EstimationResult, EstimationArtifacts)
            switch computed {
            case .failure(let error):
                try await failPermanently(job, reason: "the stored volume cannot be read: \(error.message)", log: log)
                return
            case .success(let value):
                (result, artifacts) = value
            }
            let elapsed = ContinuousClock.now - readStarted
            try await store(result, artifacts: artifacts, for: job, elapsedMilliseconds: elapsed.milliseconds)
            Timer(label: ServiceMetrics.estimationDuration).recordNanoseconds(Int64(elapsed.milliseconds * 1e6))
            log.info("study estimated", metadata: [
                "category": "\(result.category.map { "CT-\($0.rawValue)" } ?? "none")",
                "elapsed_ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
        } catch is FencedOff {
            log.warning("estimate discarded: the job was reassigned after this worker's lease expired")
        } catch {
            let transient = (error as? PostgresError).map(Self.isTransient) ?? false
            log.warning("estimation failed; will retry", metadata: ["error": "\(error)", "transient": "\(transient)"])
            _ = try? await queue.fail(job, reason: "\(error)", permanent: false, transient: transient)
        }
    }

    private func store(_ result: EstimationResult, artifacts: EstimationArtifacts, for job: Job, elapsedMilliseconds: Double) async throws {
        let flags = result.flags.map(\.rawValue)
        try await pool.withTransaction { connection in
            guard try await JobQueue.complete(job, on: connection) else {
                throw FencedOff()
            }
            try await StudyRouting.lockStudy(job.studyID, on: connection)
            let (keyImages, lungMask, lesionMask) = try await artifacts.store(on: connection)
            try await connection.query("""
                INSERT INTO estimates (study_id, version, estimator_version, category, involvement_percent,
                                       left_involvement_percent, right_involvement_percent, lung_ml, lesion_ml,
                                       left_lung_ml, right_lung_ml, flags, key_images, lung_mask_blob_id, lesion_mask_blob_id,
                                       elapsed_ms)
                SELECT \(job.studyID), coalesce(max(version), 0) + 1, \(Self.estimatorVersion), \(result.category?.rawValue),
                       \(result.involvementPercent), \(result.leftInvolvementPercent), \(result.rightInvolvementPercent),
                       \(result.lungML), \(result.lesionML), \(result.leftLungML), \(result.rightLungML),
                       ARRAY(SELECT jsonb_array_elements_text(\(PostgresJSON(flags)))), \(PostgresJSON(keyImages)),
                       \(lungMask), \(lesionMask), \(elapsedMilliseconds)
                  FROM estimates WHERE study_id = \(job.studyID)
                """)
            let waited = try await connection.query("""
                UPDATE studies SET status = CASE WHEN status = 'received' THEN 'estimated' ELSE status END,
                                   estimated_at = coalesce(estimated_at, now())
                 WHERE id = \(job.studyID)
                RETURNING extract(epoch FROM estimated_at - received_at)::float8
                """).first!.decode(Double.self, at: 0)
            Timer(label: ServiceMetrics.estimateTurnaround).recordNanoseconds(Int64(max(0, waited) * 1e9))
            try await routing.recompute(studyID: job.studyID, on: connection)
            try await connection.query("""
                INSERT INTO audit_events (actor, action, entity, entity_id, after)
                VALUES (\(name), 'study.estimate', 'study', \(String(job.studyID)),
                        jsonb_build_object('category', \(result.category?.rawValue)::int, 'involvement_percent', \(result.involvementPercent)::float8))
                """)
        }
    }

    private func failPermanently(_ job: Job, reason: String, log: Logger) async throws {
        log.error("estimation failed permanently", metadata: ["reason": "\(reason)"])
        guard try await queue.fail(job, reason: reason, permanent: true) == .failedPermanently else { return }
        // The study stays in the reading queue (a radiologist can still read it without an estimate), marked failed.
        try await pool.withTransaction { connection in
            try await connection.query("""
                UPDATE studies SET status = 'estimate_failed', failure_reason = \(reason) WHERE id = \(job.studyID)
                """)
            try await connection.query("UPDATE worklist_items SET status = 'estimate_failed' WHERE study_id = \(job.studyID)")
            try await connection.query("""
                INSERT INTO audit_events (actor, action, entity, entity_id, after)
                VALUES (\(name), 'study.estimate_failed', 'study', \(String(job.studyID)), jsonb_build_object('reason', \(reason)::text))
                """)
        }
    }
}

extension EstimationWorker {
    /// The database's trouble, not the study's: connection lost, no connection free, out of disk or memory, a
    /// deadlock or serialization failure. Such failures do not use up the job's attempts.
    static func isTransient(_ error: PostgresError) -> Bool {
        error.isConnectionError || error.code == .poolTimeout || error.isInsufficientResources || error.isSerializationFailure
            || error.isQueryCancelled
    }
}

/// Thrown inside the storing transaction to roll it back when the job's attempt was fenced off.
struct FencedOff: Error {}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
