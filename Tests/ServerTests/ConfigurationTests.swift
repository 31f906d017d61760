import Foundation
import Server
import Testing

@Suite("Configuration loading")
struct ConfigurationTests {
    @Test("the shipped Config/ctriage.yaml equals the built-in defaults")
    func shippedFileMatchesDefaults() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/ctriage.yaml")
        let loaded = try AppConfiguration.load(yaml: try String(contentsOf: path, encoding: .utf8), environment: [:])
        #expect(loaded == AppConfiguration())
    }

    @Test("environment overrides the file, and flags override both")
    func precedence() throws {
        let yaml = "http:\n  port: 9000\ndatabase:\n  pool_size: 4\n"
        var configuration = try AppConfiguration.load(
            yaml: yaml, environment: ["CTRIAGE_HTTP_PORT": "9100", "DATABASE_URL": "postgresql:///x", "UNRELATED": "1"])
        #expect(configuration.http.port == 9100)
        #expect(configuration.database.poolSize == 4)
        #expect(configuration.database.url == "postgresql:///x")
        #expect(!configuration.usesEmbeddedDatabase)
        try configuration.override("http.port", with: "9200")
        #expect(configuration.http.port == 9200)
    }

    @Test(
        "bad values and unknown keys are refused with the key named",
        arguments: [
            ("http:\n  port: 70000\n", "http.port"),
            ("database:\n  pool_size: zero\n", "database.pool_size"),
            ("log_level: loud\n", "log_level"),
            ("htp:\n  port: 1\n", "htp.port"),
            ("database:\n  statement_timeout_seconds: -1\n", "database.statement_timeout_seconds"),
            ("http: [1, 2]\n", "http"),
            ("dicom:\n  stable_seconds: 0\n", "dicom.stable_seconds"),
        ])
    func refusals(yaml: String, key: String) {
        #expect {
            try AppConfiguration.load(yaml: yaml, environment: [:])
        } throws: { error in
            "\(error)".contains(key)
        }
    }

    @Test("a bad environment value names the variable")
    func badEnvironment() {
        #expect {
            try AppConfiguration.load(yaml: nil, environment: ["CTRIAGE_DB_POOL_SIZE": "-3"])
        } throws: { "\($0)".contains("CTRIAGE_DB_POOL_SIZE") }
    }

    @Test("DICOM settings come from the file and the CTRIAGE_DICOM_* variables")
    func dicomSettings() throws {
        let yaml = "dicom:\n  stable_seconds: 30\n  poll_seconds: 0.5\n  default_clinic: north\n"
        let configuration = try AppConfiguration.load(yaml: yaml, environment: ["CTRIAGE_DICOM_STABLE_SECONDS": "4"])
        #expect(configuration.dicom.stableSeconds == 4)
        #expect(configuration.dicom.pollSeconds == 0.5)
        #expect(configuration.dicom.defaultClinic == "north")
        #expect(AppConfiguration().dicom.stableSeconds == 10)
    }
}
