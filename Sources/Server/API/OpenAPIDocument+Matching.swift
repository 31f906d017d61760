extension OpenAPIDocument {
    /// The documented methods of the route matching `path`, for a 405 with `Allow` instead of a 404 when only the
    /// method is wrong.
    static func allowedMethods(forPath path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return operations.filter { operation in
            let template = operation.path.split(separator: "/", omittingEmptySubsequences: true)
            return template.count == segments.count
                && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }.map(\.method)
    }
}
