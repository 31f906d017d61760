import Triage

extension AgreementReport {
    /// RFC 4180 CSV. Columns, the same names as the JSON keys:
    ///
    /// `section,radiologist,category,first_readings,pairs,exact_agreement,kappa,ct_0,ct_1,ct_2,ct_3,ct_4`
    ///
    /// - For each comparison (`section` = `estimator_vs_first_reader`, then `first_vs_second_reader`): a summary
    ///   row with `pairs`, `exact_agreement`, `kappa`; then five matrix rows, `category` = the row rater's
    ///   category "CT-0"…"CT-4", `pairs` = that row's total and `ct_0`…`ct_4` the cells (the JSON `matrix`).
    /// - Then one row per first reader (`section` = `radiologist`): `radiologist`, `first_readings`, and
    ///   `pairs`, `exact_agreement`, `kappa` against the estimator.
    ///
    /// Empty fields are values that do not apply to the row, or are undefined (kappa without pairs). Coverage
    /// and discrepancy counts are single figures and appear only in the JSON (`second_reading`, `discrepancies`).
    public func csv() -> String {
        let columns = ["section", "radiologist", "category", "first_readings", "pairs", "exact_agreement", "kappa"]
            + CTCategory.allCases.map { "ct_\($0.rawValue)" }
        var rows: [[String: String]] = []
        for (section, comparison) in [("estimator_vs_first_reader", estimatorVsFirstReader), ("first_vs_second_reader", firstVsSecondReader)] {
            rows.append([
                "section": section, "pairs": String(comparison.pairs),
                "exact_agreement": comparison.exactAgreement.map(StatsFormat.number) ?? "",
                "kappa": comparison.kappa.map(StatsFormat.number) ?? "",
            ])
            for category in CTCategory.allCases {
                let cells = comparison.matrix.counts[category.rawValue]
                var row = ["section": section, "category": category.label, "pairs": String(cells.reduce(0, +))]
                for (column, count) in cells.enumerated() { row["ct_\(column)"] = String(count) }
                rows.append(row)
            }
        }
        for radiologist in radiologists {
            rows.append(radiologist.row.csvByColumn.merging(["section": "radiologist"]) { $1 })
        }
        return StatsFormat.csv(header: columns, rows: rows.map { row in columns.map { row[$0] ?? "" } })
    }
}

extension AgreementReport.Radiologist {
    var row: ReportRow {
        ReportRow([
            ("radiologist", .text(name)), ("first_readings", .integer(firstReadings)), ("pairs", .integer(againstEstimator.pairs)),
            ("exact_agreement", .number(againstEstimator.exactAgreement)), ("kappa", .number(againstEstimator.kappa)),
        ])
    }
}

extension AgreementReport.Coverage {
    var row: ReportRow {
        ReportRow([
            ("first_read", .integer(firstRead)), ("second_read", .integer(secondRead)), ("coverage", .number(share)),
            ("target", .number(target)), ("meets_target", .flag(meetsTarget)),
        ])
    }
}

extension AgreementReport.Discrepancies {
    var row: ReportRow {
        ReportRow([
            ("minor", .integer(minor)), ("major", .integer(major)),
            ("arbitrations_done", .integer(arbitrationsDone)), ("arbitrations_pending", .integer(arbitrationsPending)),
        ])
    }
}
