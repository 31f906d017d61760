import Estimator
import Foundation
import Logging
import Postgres
import Store
import Triage
import VolumeIO

/// `serve --demo`: two clinics, an administrator, three radiologists, clinic staff, and a few dozen phantom
/// studies across CT-0…CT-4 with vitals, so a newcomer sees a living worklist. Runs once per database; the
/// passwords are fixed demo values and are logged at every start.
struct DemoSeeder {
    struct Person {
        var name: String
        var role: Role
        var clinic: String?
        var password: String
    }

    static let clinics = [("DEMO-N", "Demo CT centre North"), ("DEMO-S", "Demo CT centre South")]
    static let people = [
        Person(name: "admin", role: .admin, clinic: nil, password: "admin-demo-2020"),
        Person(name: "rad.ivanova", role: .radiologist, clinic: nil, password: "radiologist-demo"),
        Person(name: "rad.petrov", role: .radiologist, clinic: nil, password: "radiologist-demo"),
        Person(name: "rad.sidorova", role: .radiologist, clinic: nil, password: "radiologist-demo"),
        Person(name: "staff.north", role: .clinicStaff, clinic: "DEMO-N", password: "staff-demo-2020"),
        Person(name: "staff.south", role: .clinicStaff, clinic: "DEMO-S", password: "staff-demo-2020"),
    ]

    let pool: PostgresPool
    let router: TriageRouter
    let logger: Logger
    var studyCount = 36
    var size = 192
    var slices = 32

    func seed() async throws {
        let accounts = Accounts(pool: pool, bcryptCost: 10)
        let seeded = try await pool.query("SELECT 1 FROM clinics WHERE code = 'DEMO-N'").first != nil
        if !seeded {
            for (code, name) in Self.clinics { try await accounts.addClinic(code: code, name: name, actor: .system("demo")) }
            for person in Self.people {
                _ = try await accounts.addUser(
                    name: person.name, role: person.role, clinicCode: person.clinic, password: person.password, actor: .system("demo"))
            }
            try await seedStudies()
        }
        for person in Self.people {
            logger.notice("demo login", metadata: ["user": "\(person.name)", "password": "\(person.password)", "role": "\(person.role.rawValue)"])
        }
    }

    /// Phantoms with involvement spread over every category; vitals for most, some of them alarming.
    private func seedStudies() async throws {
        let generator = PhantomGenerator(seed: 2020)
        let writer = NIfTIWriter()
        let ingest = StudyIngest(pool: pool, router: router)
        let vitals = VitalsRecorder(pool: pool, router: router)
        let staff = Dictionary(uniqueKeysWithValues: try await pool.query(
            "SELECT c.code, u.id FROM users u JOIN clinics c ON c.id = u.clinic_id WHERE u.role = 'clinic_staff'"
        ).map { try $0.decode((String, Int).self) })
        let targets = [0.0, 8, 18, 32, 44, 58, 70, 82]
        for number in 1...studyCount {
            let target = targets[number % targets.count]
            let phantom = generator.makeCase(
                number: number, .init(size: size, slices: slices, targetInvolvementPercent: target))
            let clinic = Self.clinics[number % 2].0
            let result = try await ingest.ingest(IngestRequest(
                bytes: try writer.gzippedNIfTI(phantom.volume), clinicCode: clinic, patientPseudonym: String(format: "DEMO-%04d", 1 + number % 29),
                setting: number % 7 == 0 ? .inpatient : .outpatient, actor: "demo"))
            guard number % 4 != 0, let staffID = staff[clinic] else { continue }
            let alarming = number % 9 == 0
            let entry = VitalsEntry(
                temperatureC: alarming ? 39.2 : 36.6 + Double(number % 5) * 0.4, respiratoryRate: alarming ? 31 : 16 + Double(number % 6),
                spo2: alarming ? 91 : 98 - Double(number % 4), typicalClinic: number % 3 == 0)
            _ = try await vitals.record(entry, studyID: result.studyID, actor: Actor(userID: staffID, label: "demo"))
        }
        logger.notice("demo studies queued for estimation", metadata: ["count": "\(studyCount)"])
    }
}
