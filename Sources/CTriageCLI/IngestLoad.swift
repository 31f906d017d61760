import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store

/// Ingest throughput of ~10 MB studies: `uploaders` concurrent clients posting copies of `LoadStudyFile` to
/// `POST /api/v1/studies` (multipart, one keep-alive connection each), against the same number of tasks
/// handing copies of the same file straight to `StudyIngest` in this process, for the same time.
struct IngestLoad {
    let file: LoadStudyFile
    let ingest: StudyIngest
    let clinic: String
    let uploaders: Int
    let seconds: Int

    struct Rate {
        var studies: Int
        var bytes: Int
        var seconds: Double

        var studiesPerSecond: Double { Double(studies) / seconds }
        var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
    }

    /// Copies `first`, `first + uploaders`, … go to uploader 0, and so on, so no two uploads share bytes.
    func overHTTP(port: Int, token: String, first: UInt32) async throws -> Rate {
        try await timed { uploader, deadline in
            try await BenchHTTPClient.with(port: port, timeout: .seconds(120)) { client in
                let boundary = "ctriage-bench-\(uploader)"
                let headers: HTTPFields = [
                    .authorization: "Bearer \(token)", .contentType: "multipart/form-data; boundary=\(boundary)",
                ]
                var number = first + UInt32(uploader)
                var done = 0
                while ContinuousClock.now < deadline {
                    let body = file.multipartBody(number, clinic: clinic, patient: "L\(number)", boundary: boundary)
                    let response = try await client.post("/api/v1/studies", headers: headers, body: body)
                    guard response.status == .created else {
                        throw BenchmarkError(message: "upload answered \(response.status): \(String(buffer: response.body ?? ByteBuffer()))")
                    }
                    done += 1
                    number += UInt32(uploaders)
                }
                return done
            }
        }
    }

    func inProcess(first: UInt32) async throws -> Rate {
        try await timed { uploader, deadline in
            var number = first + UInt32(uploader)
            var done = 0
            while ContinuousClock.now < deadline {
                try await ingestCopy(number)
                done += 1
                number += UInt32(uploaders)
            }
            return done
        }
    }

    /// Ingests copies `first ..< first + count` without timing them (to queue estimation work).
    func enqueue(first: UInt32, count: Int) async throws {
        for number in first..<(first + UInt32(count)) { try await ingestCopy(number) }
    }

    private func ingestCopy(_ number: UInt32) async throws {
        let result = try await ingest.ingest(IngestRequest(
            bytes: file.copy(number), clinicCode: clinic, patientPseudonym: "L\(number)", actor: "bench"))
        guard result.created else { throw BenchmarkError(message: "copy \(number) was not a new study") }
    }

    private func timed(
        _ uploader: @escaping @Sendable (Int, ContinuousClock.Instant) async throws -> Int
    ) async throws -> Rate {
        let started = ContinuousClock.now
        let deadline = started.advanced(by: .seconds(seconds))
        let studies = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<uploaders { group.addTask { try await uploader(index, deadline) } }
            return try await group.reduce(0, +)
        }
        return Rate(studies: studies, bytes: studies * file.template.count, seconds: (ContinuousClock.now - started).seconds)
    }
}
