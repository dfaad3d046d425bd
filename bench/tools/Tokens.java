import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * BENCH/DEV ONLY: mints many RS256 tokens in one JVM (src/dev/MintToken.java mints one per launch,
 * which is too slow for 1,000 load-test users). Signed with the committed dev key, which only a
 * server started with MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:src/dev/jwt/publicKey.pem accepts.
 *
 * Usage: java bench/tools/Tokens.java <private-key.pem> <count> <role>[,<role>...] [sub-format] [lifetime-s]
 * Prints "sub<TAB>token" lines; sub = String.format(sub-format, n) for n = 1..count
 * (default format "m-00000000-0000-4000-8000-%012d", the shape of a UUID-based user id); with the
 * environment variable STRIDE=k the numbers are n*k instead (members spread over a large table).
 */
public class Tokens {

    public static void main(String[] args) throws Exception {
        PrivateKey key = privateKey(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        String groups = Arrays.stream(args[2].split(","))
                .map(role -> "\"" + role.trim() + "\"").collect(Collectors.joining(","));
        String format = args.length > 3 && !args[3].isEmpty() ? args[3] : "m-00000000-0000-4000-8000-%012d";
        long lifetime = args.length > 4 ? Long.parseLong(args[4]) : 86_400;
        String issuer = System.getenv().getOrDefault("AEGIS_DEV_ISSUER", "https://aegis.example/issuer");
        long stride = Long.parseLong(System.getenv().getOrDefault("STRIDE", "1"));
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        StringBuilder out = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            String sub = String.format(format, n * stride);
            String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + sub + "\",\"groups\":[" + groups + "],"
                    + "\"iat\":" + now + ",\"exp\":" + (now + lifetime) + "}";
            String signingInput = header + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            out.append(sub).append('\t').append(signingInput).append('.').append(base64Url(rsa.sign())).append('\n');
        }
        System.out.print(out);
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
