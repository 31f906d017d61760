import Foundation
import Hummingbird

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP to a `ctriage serve` child process, as a client outside it sees the daemon: a status, or nothing at all
/// when the daemon is gone (connection refused or reset).
struct DaemonClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var retryAfter: String?
        var body: Data

        var isSuccess: Bool { (200..<300).contains(status) }
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() -> [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    let port: Int
    let token: String?

    init(port: Int, token: String? = nil) {
        self.port = port
        self.token = token
    }

    func get(_ path: String) async -> Reply? {
        await send("GET", path, body: nil, contentType: nil)
    }

    func send(_ method: String, _ path: String, json: [String: any Sendable]) async -> Reply? {
        let body = try? JSONSerialization.data(withJSONObject: json)
        return await send(method, path, body: body, contentType: "application/json")
    }

    func post(_ path: String) async -> Reply? {
        await send("POST", path, body: nil, contentType: nil)
    }

    /// Uploads a study as the multipart form the API takes.
    func upload(patient: String, clinic: String, bytes: [UInt8]) async -> Reply? {
        let form = APIFixture.multipart(fields: [("patient_id", patient), ("clinic", clinic)], file: bytes)
        return await send(
            "POST", "/api/v1/studies", body: Data(form.readableBytesView),
            contentType: "multipart/form-data; boundary=\(APIFixture.boundary)")
    }

    func send(_ method: String, _ path: String, body: Data?, contentType: String?) async -> Reply? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        // Generous: a loaded test machine can take seconds to answer, and a 503 comes only after the pool's checkout timeout.
        request.timeoutInterval = 60
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else {
            return nil
        }
        return Reply(status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"), body: data)
    }
}
