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
 * DEV ONLY: mints an RS256 token signed with the committed dev key (src/dev/jwt/privateKey.pem),
 * accepted by `./mvnw quarkus:dev` and the tests, never by production.
 *
 * Usage: java src/dev/MintToken.java <sub> <role>[,<role>...] [lifetime-seconds]
 *   e.g. java src/dev/MintToken.java alice member
 */
public class MintToken {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java src/dev/MintToken.java <sub> <member|advocate|admin>[,...] [lifetime-seconds]");
            System.exit(2);
        }
        String issuer = System.getenv().getOrDefault("AEGIS_DEV_ISSUER", "https://aegis.example/issuer");
        long lifetime = args.length > 2 ? Long.parseLong(args[2]) : 3600;
        long now = Instant.now().getEpochSecond();
        String groups = Arrays.stream(args[1].split(","))
                .map(role -> "\"" + role.trim() + "\"").collect(Collectors.joining(","));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + args[0] + "\",\"groups\":[" + groups + "],"
                + "\"iat\":" + now + ",\"exp\":" + (now + lifetime) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(privateKey(Path.of(System.getenv().getOrDefault("AEGIS_DEV_KEY", "src/dev/jwt/privateKey.pem"))));
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        System.out.println(signingInput + "." + base64Url(rsa.sign()));
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
