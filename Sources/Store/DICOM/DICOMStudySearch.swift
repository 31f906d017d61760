import Postgres

/// QIDO-RS over the studies assembled from DICOM series: what a study-level search returns.
public struct DICOMStudySearch: Sendable {
    public struct Filter: Sendable {
        public var studyUID: String?
        /// Inclusive `YYYYMMDD` bounds on Study Date; nil is open.
        public var dateFrom: String?
        public var dateTo: String?
        public var patientIDHash: String?
        /// Clinic staff see their own clinic only.
        public var clinicID: Int?
        public var limit = 100
        public var offset = 0

        public init() {}
    }

    public struct Match: Sendable, Equatable {
        public var studyUID: String
        public var studyDate: String?
        public var studyTime: String?
        public var seriesCount: Int
        public var instanceCount: Int
        /// The CTriage study of the study's first assembled series.
        public var publicID: String
    }

    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func studies(_ filter: Filter) async throws -> [Match] {
        try await pool.query("""
            SELECT d.study_uid, min(d.study_date), min(d.study_time), count(*)::bigint,
                   sum((SELECT count(*) FROM dicom_instances i WHERE i.series_id = d.id))::bigint,
                   (array_agg(s.public_id::text ORDER BY s.id))[1]
              FROM dicom_series d JOIN studies s ON s.id = d.study_id
             WHERE d.state = 'assembled'
               AND (\(filter.clinicID)::bigint IS NULL OR d.clinic_id = \(filter.clinicID))
               AND (\(filter.studyUID)::text IS NULL OR d.study_uid = \(filter.studyUID))
               AND (\(filter.dateFrom)::text IS NULL OR d.study_date >= \(filter.dateFrom))
               AND (\(filter.dateTo)::text IS NULL OR d.study_date <= \(filter.dateTo))
               AND (\(filter.patientIDHash)::text IS NULL OR d.patient_hash = \(filter.patientIDHash))
             GROUP BY d.study_uid
             ORDER BY d.study_uid
             LIMIT \(filter.limit) OFFSET \(filter.offset)
            """).map { row in
            let (uid, date, time, series, instances, publicID) = try row.decode((String, String?, String?, Int, Int, String).self)
            return Match(
                studyUID: uid, studyDate: date, studyTime: time, seriesCount: series, instanceCount: instances, publicID: publicID)
        }
    }
}
