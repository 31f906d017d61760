import Logging
import Postgres

extension DatabaseBootstrap {
    /// For one-shot commands: start or reach the database, migrate, run `body`, then close the pool and stop
    /// the embedded cluster whether `body` succeeded or not.
    public static func withMigratedPool<T>(
        _ configuration: AppConfiguration, logger: Logger, _ body: (PostgresPool) async throws -> T
    ) async throws -> T {
        let database = try await start(configuration, logger: logger)
        let pool = PostgresPool(configuration: database.postgres, logger: logger)
        do {
            _ = try await migrate(pool: pool, directory: try migrationsDirectory(configuration.migrationsDirectory), logger: logger)
            let result = try await body(pool)
            await pool.close()
            await database.cluster?.stop()
            return result
        } catch {
            await pool.close()
            await database.cluster?.stop()
            throw error
        }
    }
}
