import Foundation
import Store

/// One row of the radiologist's worklist page, in the words and classes the template shows.
struct WorklistRow: Equatable {
    var id: String
    var shortID: String
    var clinic: String
    var tier: String
    var tierClass: String
    var emergency: Bool
    var category: String
    var categorySource: String
    var involvement: String
    var flags: [String]
    var hasFlags: Bool
    var dueAt: String
    var dueISO: String
    var dueRelative: String
    var overdue: Bool
    var reading: String
    var needsSecondReading: Bool
    var claimed: Bool
    var status: String

    /// `blind`: the viewer is a radiologist, who may be the next reader of this study, so a category that
    /// came from an earlier reading is not shown (blind reading); the estimator's category always is.
    init(_ entry: WorklistEntry, blind: Bool = false, now: Date = Date()) {
        id = entry.studyId.uuidString.lowercased()
        shortID = String(id.prefix(8))
        clinic = entry.clinic
        tier = entry.tier
        tierClass = "tier-\(entry.tier.lowercased())"
        emergency = entry.emergency || entry.tier == "P0"
        if blind, ["reading", "arbitration"].contains(entry.categorySource ?? "") {
            category = "read"
            categorySource = "category hidden until you sign"
        } else {
            category = entry.category ?? "pending"
            categorySource = entry.categorySource.map { Self.sourceName($0) } ?? "not estimated yet"
        }
        involvement = WebFormat.percent(entry.involvementPercent)
        flags = entry.flags.map { $0.replacingOccurrences(of: "_", with: " ") }
        hasFlags = !entry.flags.isEmpty
        dueAt = WebFormat.time(entry.dueAt)
        dueISO = WebFormat.iso(entry.dueAt)
        dueRelative = WebFormat.due(entry.dueAt, now: now)
        overdue = entry.overdue
        reading = Self.readingName(entry.readingNumberNeeded)
        needsSecondReading = entry.readingNumberNeeded >= 2
        claimed = entry.claimed
        status = entry.status
    }

    static func readingName(_ number: Int) -> String {
        switch number {
        case 1: "first reading"
        case 2: "second reading"
        default: "arbitration"
        }
    }

    static func sourceName(_ source: String) -> String {
        switch source {
        case "estimate": "estimator"
        case "reading": "radiologist"
        case "arbitration": "arbitration"
        case "none": "not estimated yet"
        default: source
        }
    }
}

/// The worklist page: the queue in reading order and the "Read next" button for radiologists.
struct WorklistPage {
    var rows: [WorklistRow]
    var count: Int
    var empty: Bool
    var canClaim: Bool
    var notice: String?
    var csrfToken: String

    init(entries: [WorklistEntry], canClaim: Bool, notice: String?, csrfToken: String, blind: Bool = false, now: Date = Date()) {
        rows = entries.map { WorklistRow($0, blind: blind, now: now) }
        count = rows.count
        empty = rows.isEmpty
        self.canClaim = canClaim
        self.notice = notice
        self.csrfToken = csrfToken
    }
}
