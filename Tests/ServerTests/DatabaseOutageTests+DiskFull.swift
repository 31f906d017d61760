import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Server
import Store
import TestSupport
import Testing
import Triage

extension DatabaseOutageTests {
    @Test(
        "a database out of disk: uploads answer 503 database_disk_full with Retry-After, estimation waits without using up attempts, all recovers once there is room",
        .enabled(if: ScratchMount.isPermitted, ScratchMount.skipComment))
    func databaseDiskFull() async throws {
        let mount = try ScratchMount(sizeKB: 2048)
        defer { mount.unmount() }
        // The blobs table alone moves to a tablespace on the tiny tmpfs: the rest of the database keeps working.
        let location = mount.directory.appendingPathComponent("tablespace")
        try FileManager.default.createDirectory(at: location, withIntermediateDirectories: true)
        if geteuid() == 0, let postgres = getpwnam("postgres") { chown(location.path, postgres.pointee.pw_uid, postgres.pointee.pw_gid) }

        try await Self.withPrivateCluster(name: "disk-full", checkoutTimeout: .seconds(3)) { _, pool, staff, client in
            try await pool.query("CREATE TABLESPACE scratch LOCATION '\(unescaped: location.path)'")
            try await pool.query("ALTER TABLE blobs SET TABLESPACE scratch")
            let headers: HTTPFields = [.authorization: "Bearer \(staff)", .contentType: "multipart/form-data; boundary=\(APIFixture.boundary)"]
            @Sendable func upload(_ seed: UInt64) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/studies", method: .post, headers: headers,
                    body: APIFixture.multipart(fields: [("patient_id", "P-\(seed)"), ("clinic", "MSK-01")], file: try APIFixture.studyBytes(seed: seed)))
            }
            let stored = try await upload(9001)
            #expect(stored.status == .created)
            let filler = mount.fill()

            // The next upload may still fit in a page already allocated; a few more cannot.
            var refusal: TestResponse?
            for seed in UInt64(9002)...9010 {
                let response = try await upload(seed)
                #expect(response.status == .serviceUnavailable || response.status == .created, "\(response.status) \(String(buffer: response.body))")
                if response.status == .serviceUnavailable { refusal = response; break }
            }
            let refused = try #require(refusal, "no upload was refused with the disk full")
            #expect(refused.headers[.retryAfter] != nil)
            #expect(String(buffer: refused.body).contains("database_disk_full"))
            #expect(String(buffer: refused.body).contains("out of disk space"))

            // Estimation meets the full disk when it stores its key images and masks. Two attempts allowed: failures
            // that used up attempts would fail the job for good within seconds.
            try await pool.query("UPDATE jobs SET max_attempts = 2")
            let worker = EstimationWorker(
                pool: pool, routing: StudyRouting(router: TriageRouter()), wakeups: nil, name: "disk-full-worker",
                lease: .seconds(20), pollInterval: .milliseconds(200), logger: TestPostgres.logger)
            let running = Task { try await worker.run() }
            defer { running.cancel() }
            let retried = try await Self.poll(seconds: 90) {
                let row = try await pool.query("SELECT min(attempt), bool_or(state = 'failed'), bool_or(state = 'done') FROM jobs").first!
                let (attempt, failed, done) = try row.decode((Int, Bool, Bool).self)
                return attempt >= 3 || failed || done ? (attempt, failed, done) : nil
            }
            let lastError = try await pool.scalar("SELECT coalesce(max(last_error), '') FROM jobs", as: String.self)
            if lastError.contains("53100") {
                #expect(retried?.1 == false, "a job failed for good because the database disk was full")
                #expect((retried?.0 ?? 0) >= 3)
            }

            try FileManager.default.removeItem(at: filler)
            let estimated = try await Self.poll(seconds: 120) {
                try await pool.scalar("SELECT count(*) FROM jobs WHERE state <> 'done'", as: Int.self) == 0 ? true : nil
            }
            #expect(estimated == true, "the job did not finish once there was room")
            let studies = try await pool.scalar("SELECT count(*) FROM studies WHERE status = 'estimated'", as: Int.self)
            let estimates = try await pool.scalar("SELECT count(*) FROM estimates", as: Int.self)
            #expect(estimates == studies)
            let again = try await upload(9011)
            #expect(again.status == .created, "\(again.status) \(String(buffer: again.body))")
            running.cancel()
            _ = try? await running.value
        }
    }

    static func poll<T: Sendable>(seconds: Int, _ probe: @Sendable () async throws -> T?) async throws -> T? {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
