import Foundation
import Hummingbird
import Store

/// Turnaround and agreement statistics for administrators, as JSON or (`format=csv`) as a CSV download.
struct StatsController {
    let services: APIServices

    func register(with router: Router<AppRequestContext>) {
        router.get("api/v1/stats/turnaround", use: turnaround)
        router.get("api/v1/stats/agreement", use: agreement)
    }

    @Sendable func turnaround(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.admin)
        let query = QueryParameters(request)
        let (from, to) = try Self.window(query)
        let grouping = try query["group_by"].map { text -> TurnaroundGrouping in
            guard let grouping = TurnaroundGrouping(rawValue: text) else {
                throw APIError.badRequest("group_by must be clinic, tier or radiologist")
            }
            return grouping
        } ?? .clinic
        let report = try await TurnaroundStats(pool: services.pool).report(from: from, to: to, groupBy: grouping)
        return try Self.respond(report, csv: report.csv(), name: "turnaround", query: query, request: request, context: context)
    }

    @Sendable func agreement(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require(.admin)
        let query = QueryParameters(request)
        let (from, to) = try Self.window(query)
        let report = try await AgreementStats(pool: services.pool, coverageTarget: services.router.rules.secondReading.coverageTarget)
            .report(from: from, to: to)
        return try Self.respond(report, csv: report.csv(), name: "agreement", query: query, request: request, context: context)
    }

    /// `from`/`to` default to the last 7 days before `to` (now); `to` must follow `from`.
    static func window(_ query: QueryParameters) throws -> (Date, Date) {
        let to = try query.date("to") ?? Date()
        let from = try query.date("from") ?? to.addingTimeInterval(-7 * 86400)
        guard from < to else { throw APIError.badRequest("from must be before to") }
        return (from, to)
    }

    static func respond(
        _ report: some Encodable, csv: String, name: String, query: QueryParameters, request: Request, context: AppRequestContext
    ) throws -> Response {
        switch query["format"] ?? "json" {
        case "json":
            let body = try context.responseEncoder.encode(report)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        case "csv":
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: csv)))
        default:
            throw APIError.badRequest("format must be json or csv")
        }
    }
}
