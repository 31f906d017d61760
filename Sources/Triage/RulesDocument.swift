import Foundation
import Yams

/// Reads typed values out of the rules YAML by dotted key ("vitals.severe.rr_at_least"). It remembers
/// which keys were read so that a mistyped key is reported instead of silently falling back to nothing.
struct RulesDocument {
    private let root: Node
    private var readKeys: Set<String> = []

    init(yaml: String) throws(TriageError) {
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: yaml)
        } catch {
            throw TriageError(code: .malformedRules, subject: "", message: "routing rules are not valid YAML: \(error)")
        }
        guard let composed, composed.mapping != nil else {
            throw TriageError(code: .malformedRules, subject: "", message: "routing rules must be a YAML mapping of keys")
        }
        root = composed
    }

    mutating func number(_ key: String) throws(TriageError) -> Double {
        let (text, line) = try scalar(key)
        guard let value = Double(text), value.isFinite else {
            throw invalid(key, line, "must be a number, found '\(text)'")
        }
        return value
    }

    mutating func integer(_ key: String) throws(TriageError) -> Int {
        let (text, line) = try scalar(key)
        guard let value = Int(text) else { throw invalid(key, line, "must be a whole number, found '\(text)'") }
        return value
    }

    mutating func text(_ key: String) throws(TriageError) -> String {
        let (text, line) = try scalar(key)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw invalid(key, line, "must not be empty")
        }
        return text
    }

    mutating func severity(_ key: String) throws(TriageError) -> Severity {
        let (text, line) = try scalar(key)
        guard let severity = Severity(name: text) else {
            throw invalid(key, line, "must be one of zero, mild, moderate, severe, critical, found '\(text)'")
        }
        return severity
    }

    mutating func tier(_ key: String) throws(TriageError) -> PriorityTier {
        let (text, line) = try scalar(key)
        guard let tier = PriorityTier(label: text) else { throw invalid(key, line, "must be one of P0 … P5, found '\(text)'") }
        return tier
    }

    mutating func category(_ key: String) throws(TriageError) -> CTCategory {
        let (text, line) = try scalar(key)
        guard let category = try? CTCategory(label: text) else {
            throw invalid(key, line, "must be one of CT-0 … CT-4, found '\(text)'")
        }
        return category
    }

    /// The first key that appears twice in the same mapping, if any.
    func firstDuplicateKey() -> (key: String, line: Int?)? {
        func walk(_ node: Node, _ path: String) -> (key: String, line: Int?)? {
            guard let mapping = node.mapping else { return nil }
            var seen: Set<String> = []
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? "?"
                let child = path.isEmpty ? name : "\(path).\(name)"
                if !seen.insert(name).inserted { return (child, keyNode.mark?.line) }
                if let duplicate = walk(value, child) { return duplicate }
            }
            return nil
        }
        return walk(root, "")
    }

    /// Keys present in the document that no reader asked for, in document order.
    func unreadKeys() -> [(key: String, line: Int?)] {
        var unread: [(key: String, line: Int?)] = []
        func walk(_ node: Node, _ path: String) {
            guard let mapping = node.mapping else {
                if !readKeys.contains(path) { unread.append((path, node.mark?.line)) }
                return
            }
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? "?"
                walk(value, path.isEmpty ? name : "\(path).\(name)")
            }
        }
        walk(root, "")
        return unread
    }

    private mutating func scalar(_ key: String) throws(TriageError) -> (String, Int?) {
        var current = root
        var walked: [String] = []
        for part in key.split(separator: ".").map(String.init) {
            guard let mapping = current.mapping else {
                throw invalid(walked.joined(separator: "."), current.mark?.line, "must be a mapping containing '\(part)'")
            }
            walked.append(part)
            guard let child = mapping.first(where: { $0.key.string == part })?.value else {
                throw TriageError(code: .missingKey, subject: key, message: "routing rules: required key '\(key)' is missing")
            }
            current = child
        }
        guard let scalar = current.scalar else {
            throw invalid(key, current.mark?.line, "must be a single value, not a mapping or list")
        }
        readKeys.insert(key)
        return (scalar.string, current.mark?.line)
    }

    private func invalid(_ key: String, _ line: Int?, _ problem: String) -> TriageError {
        let place = line.map { " (line \($0))" } ?? ""
        return TriageError(code: .invalidValue, subject: key, message: "routing rules: '\(key)'\(place) \(problem)")
    }
}
