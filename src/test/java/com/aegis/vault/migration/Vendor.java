package com.aegis.vault.migration;

import com.aegis.vault.testing.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A throw-away database of one vendor, with the Flyway locations the application uses for it. */
abstract class Vendor implements AutoCloseable {

    abstract String url();

    abstract String user();

    abstract String password();

    /** The vendor folder beside db/migration/common. */
    abstract String folder();

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** Flyway as the application configures it for this vendor (plain Flyway: it finds V4 by scanning). */
    Flyway flyway() {
        return configure().locations("classpath:db/migration/common", "classpath:db/migration/" + folder()).load();
    }

    FluentConfiguration configure() {
        return Flyway.configure().dataSource(url(), user(), password());
    }

    static Vendor postgres() {
        String name = PostgresTestDatabase.createDatabase("aegis_mig");
        return new Vendor() {
            @Override
            String url() {
                return PostgresTestDatabase.urlOf(name);
            }

            @Override
            String user() {
                return PostgresTestDatabase.user();
            }

            @Override
            String password() {
                return PostgresTestDatabase.password();
            }

            @Override
            String folder() {
                return "postgresql";
            }

            @Override
            public void close() {
                PostgresTestDatabase.dropDatabase(name);
            }

            @Override
            public String toString() {
                return "PostgreSQL";
            }
        };
    }

    /** An in-memory H2 in the same mode as the dev profile's file database. */
    static Vendor h2() {
        String name = "mig" + UUID.randomUUID().toString().replace("-", "");
        return new Vendor() {
            private final Connection keepAlive = open();

            private Connection open() {
                try {
                    return DriverManager.getConnection(url(), user(), password());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            String url() {
                return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            }

            @Override
            String user() {
                return "sa";
            }

            @Override
            String password() {
                return "";
            }

            @Override
            String folder() {
                return "h2";
            }

            @Override
            public void close() throws SQLException {
                keepAlive.close();
            }

            @Override
            public String toString() {
                return "H2";
            }
        };
    }
}
