/// A key image as `estimates.key_images` lists it: the PNG lives in `blobs`.
public struct StoredKeyImage: Sendable, Codable, Equatable {
    public var name: String
    public var blobID: Int
    public var width: Int
    public var height: Int

    public init(name: String, blobID: Int, width: Int, height: Int) {
        self.name = name
        self.blobID = blobID
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey {
        case name, width, height
        case blobID = "blob_id"
    }
}
