import Store

/// Peer review reads blind: a radiologist who may still read a study does not see a category that came from
/// another radiologist's reading. The estimator's category stays visible; the web pages follow the same rule.
enum BlindReading {
    static let readerSources: Set<String> = ["reading", "arbitration"]

    /// Worklist rows are open studies, which any radiologist may be the next to read.
    static func redact(_ entry: WorklistEntry, for principal: Principal) -> WorklistEntry {
        guard principal.role == .radiologist, readerSources.contains(entry.categorySource ?? "") else { return entry }
        var redacted = entry
        redacted.category = nil
        redacted.categorySource = "hidden_until_signed"
        return redacted
    }

    /// A study view for a radiologist who has not signed a reading of a study still being read.
    static func redact(_ view: StudyView, signedByViewer: Bool, for principal: Principal) -> StudyView {
        guard principal.role == .radiologist, !signedByViewer, !(view.queue?.done ?? true),
            let route = view.route, readerSources.contains(route.categorySource)
        else { return view }
        var redacted = view
        redacted.route?.category = nil
        redacted.route?.categorySource = "hidden_until_signed"
        redacted.route?.decision = "hidden until you sign your reading (blind reading)"
        redacted.route?.trace = []
        return redacted
    }
}
