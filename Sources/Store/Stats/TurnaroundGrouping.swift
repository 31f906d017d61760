/// How `TurnaroundStats` splits studies into rows. The raw values are the API's `group_by` values.
public enum TurnaroundGrouping: String, Sendable, CaseIterable, Codable {
    /// By the clinic's code.
    case clinic
    /// By the study's current queue tier, "P0"…"P5"; studies without a queue row form "(not queued)".
    case tier
    /// By the user name of the first reader; studies not read yet form "(unread)".
    case radiologist
}
