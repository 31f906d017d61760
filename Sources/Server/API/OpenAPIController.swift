import Hummingbird

/// `GET /openapi.json`.
struct OpenAPIController {
    func register(with router: Router<AppRequestContext>) {
        let document = (try? OpenAPIDocument.json()) ?? Array("{}".utf8)
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }
}
