/// What went wrong with the inbox folder or one file in it, apart from what `StudyIngest` refuses.
public struct InboxError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The name does not follow `<clinic>__<patient>__<anything>.nii[.gz]` or could be read as a path.
        public static let invalidFileName = Code("invalidFileName")
        /// A symbolic link, FIFO, socket or device: only regular files are ingested.
        public static let notRegularFile = Code("notRegularFile")
        public static let unreadableFile = Code("unreadableFile")
        /// The inbox folder is missing, not a folder, or cannot be listed.
        public static let folderUnreadable = Code("folderUnreadable")
        /// `done/` or `rejected/` cannot be created, or a file cannot be moved or described there.
        public static let folderUnwritable = Code("folderUnwritable")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "InboxError(\(code)): \(message)" }
}
