import HummingbirdTesting

/// One keep-alive HTTP/1.1 connection to the benchmark's server on the loopback address (HummingbirdTesting's
/// `TestClient`), shut down when `body` returns or throws.
enum BenchHTTPClient {
    static func with<T: Sendable>(port: Int, timeout: Duration = .seconds(60), _ body: (TestClient) async throws -> T) async throws -> T {
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: timeout))
        client.connect()
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
