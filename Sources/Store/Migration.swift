import Crypto
import Foundation

/// One schema change: `Migrations/NNNN_name.sql`, applied once, in version order, in its own transaction.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    public var fileName: String { String(format: "%04d_%@.sql", version, name) }

    /// SHA-256 of the file's bytes, hex: an applied file whose checksum changes is refused.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `NNNN_name.sql` in `directory`, sorted by version. Other `.sql` names are an error (a
    /// misnamed migration silently skipped would leave the schema behind).
    public static func load(from directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError(code: .directoryUnreadable, message: "cannot read migrations folder \(directory.path): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            guard let (version, name) = parse(fileName: file) else {
                throw MigrationError(code: .badFileName, message: "migration file \(file) is not named NNNN_name.sql")
            }
            guard let sql = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                throw MigrationError(code: .directoryUnreadable, message: "cannot read migration file \(file) as UTF-8")
            }
            if let clash = migrations.first(where: { $0.version == version }) {
                throw MigrationError(code: .duplicateVersion, message: "migrations \(clash.fileName) and \(file) share version \(version)")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    static func parse(fileName: String) -> (Int, String)? {
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore], name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, let version = Int(digits), version > 0, !name.isEmpty,
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else { return nil }
        return (version, String(name))
    }
}
