import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of verifying a bearer token (RS256 signature and claims, smallrye-jwt as the service runs it) against
 * answering it from a map of verified tokens, per call, measured with the thread's CPU clock (not wall time, so
 * other load on the machine does not inflate it). Run with the packaged app's libraries on the class path:
 *   java -cp "target/quarkus-app/lib/main/*" bench/tools/JwtCost.java src/dev/jwt/privateKey.pem src/dev/jwt/publicKey.pem
 */
public class JwtCost {
    public static void main(String[] args) throws Exception {
        PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(Path.of(args[0])));
        String publicKey = Files.readString(Path.of(args[1]));
        int tokens = 1000;
        String[] raw = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("https://aegis.example/issuer");
            claims.setSubject(String.format("m-00000000-0000-4000-8000-%012d", i));
            claims.setStringListClaim("groups", List.of("member"));
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(60);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            raw[i] = jws.getCompactSerialization();
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(
                (java.security.interfaces.RSAPublicKey) KeyUtils.decodePublicKey(publicKey), "https://aegis.example/issuer");
        DefaultJWTParser parser = new DefaultJWTParser(info);
        ConcurrentHashMap<String, Object> cache = new ConcurrentHashMap<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            int n = 20_000;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                cache.put(raw[i % tokens], parser.parse(new String(raw[i % tokens])));
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            Object sink = null;
            for (int i = 0; i < n * 10; i++) {
                sink = cache.get(new String(raw[i % tokens]));
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            System.out.printf("round %d: verify %.1f µs CPU per token, cached answer %.2f µs (%s)%n", round + 1,
                    (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / (n * 10), sink == null ? "?" : "hit");
        }
    }
}
