package com.aegis.vault.migration;

import com.aegis.vault.testing.PackagedApp;
import com.aegis.vault.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serving pod (prod profile, packaged jar or native executable) against a database one migration behind: it starts, does
 * not migrate, reports not ready and says why; once `migrate` has run it becomes ready.
 */
class ProdReadinessProcessIT {

    String database;
    Process server;

    @BeforeEach
    void databaseOneMigrationBehind() throws Exception {
        database = PostgresTestDatabase.createDatabase("aegis_ready");
        assertEquals(0, new PackagedApp(database).run("migrate", "--target", "3").exitCode());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
        PostgresTestDatabase.dropDatabase(database);
    }

    @Test
    void notReadyWhileTheSchemaIsBehindAndSaysWhy() throws Exception {
        PackagedApp app = new PackagedApp(database);
        int port = startServer(app);

        HttpResponse<String> behind = ready(port);
        assertEquals(503, behind.statusCode(), behind.body());
        assertTrue(behind.body().contains("\"status\": \"DOWN\"") || behind.body().contains("\"status\":\"DOWN\""), behind.body());
        assertTrue(behind.body().contains("database at version 3, this build expects 5"), behind.body());
        assertTrue(behind.body().contains("V4 legacy bills to approvals"), behind.body());
        assertTrue(behind.body().contains("run `migrate`"), behind.body());
        assertEquals(MigrationCommandsProcessIT.appliedVersions(database).size(), 3, "prod never migrates at start");

        assertEquals(0, app.run("migrate").exitCode());
        HttpResponse<String> upToDate = ready(port);
        assertEquals(200, upToDate.statusCode(), upToDate.body());
    }

    @Test
    void aServingPodOpensOneConnectionPerWorkerThreadInTheBackground() throws Exception {
        PackagedApp app = new PackagedApp(database);
        assertEquals(0, app.run("migrate").exitCode());
        int port = startServer(app);
        assertEquals(200, ready(port).statusCode());

        // quarkus.thread-pool.max-threads: a burst of that many requests finds a connection open for each.
        int workers = 16;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int open = serverConnections();
        while (open < workers && System.nanoTime() < deadline) {
            Thread.sleep(100);
            open = serverConnections();
        }
        assertTrue(open >= workers, "the pool holds " + open + " connections, expected one per worker (" + workers + ")");
    }

    /** Starts the serving pod on a free port; @return the port. */
    private int startServer(PackagedApp app) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = app.builder(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:src/dev/jwt/publicKey.pem")).start();
        return port;
    }

    /** The server's open connections to its database (this test's own query excluded). */
    private int serverConnections() throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.urlOf(database), PostgresTestDatabase.user(),
                PostgresTestDatabase.password());
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private HttpResponse<String> ready(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notListeningYet) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    throw new AssertionError("the server did not come up (alive: " + server.isAlive() + ")", notListeningYet);
                }
                Thread.sleep(250);
            }
        }
    }
}
